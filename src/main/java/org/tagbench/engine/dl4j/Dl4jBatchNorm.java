package org.tagbench.engine.dl4j;

/**
 * A batch norm layer of a DL4J network: its index and how many values of each feature one example brings (a
 * convolution's output height x width, a per-frame norm's channels x bands, 1 for a dense layer's).
 */
record Dl4jBatchNorm(int layer, long valuesPerExample) {
}
