package org.tagbench.engine.dl4j;

/**
 * Where one array of the engine-neutral weight layout lives in a DL4J network: the layer's index, its parameter
 * key, and whether DL4J stores it transposed ([in, out] where the layout has [out, in]).
 */
record Dl4jWeight(String name, int layer, String key, boolean transposed) {
}
