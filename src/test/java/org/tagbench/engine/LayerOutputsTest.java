package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tagbench.engine.ConventionsGolden.floats;
import static org.tagbench.engine.ConventionsGolden.ints;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;

/**
 * Every layer's output, in inference mode, on both engines equals a network written out with torch.nn.functional in
 * float64 (scripts/embedding_golden.py), fed the same weights through the engine-neutral layout; and the two engines
 * agree with each other. The penultimate layer's output is the embedding {@code tagbench embed} writes.
 */
class LayerOutputsTest {
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Architecture.class, names = {"K2C2", "CRNN", "FCN", "SHORTCHUNK", "SHORTCHUNK_RES"})
    void everyLayerMatchesTheTorchReferenceOnBothEngines(Architecture arch) throws IOException {
        JsonNode golden = TorchGolden.read("/engine/embedding-golden-" + arch.configName() + ".json");
        ModelSpec spec = arch.spec(golden.get("input").get(0).asInt(), golden.get("input").get(1).asInt(),
                golden.get("tags").asInt(), ints(golden.get("widths")));
        Batch batch = new Batch(floats(golden.get("features")), new float[golden.get("rows").asInt() * spec.tags()],
                golden.get("rows").asInt());
        JsonNode expected = golden.get("layer_outputs");
        assertEquals(spec.layers().size(), expected.size(), "layers in the golden file");
        try (Network pytorch = loaded(EngineName.PYTORCH, spec, golden);
             Network dl4j = loaded(EngineName.DL4J, spec, golden)) {
            for (int layer = 0; layer < spec.layers().size(); layer++) {
                float[][] reference = matrix(expected.get(layer));
                float[][] fromPytorch = pytorch.layerOutputs(batch, layer);
                float[][] fromDl4j = dl4j.layerOutputs(batch, layer);
                assertRowsEqual(reference, fromPytorch, "pytorch, layer " + layer);
                assertRowsEqual(reference, fromDl4j, "dl4j, layer " + layer);
                assertRowsEqual(fromPytorch, fromDl4j, "pytorch vs dl4j, layer " + layer);
            }
        }
    }

    private static void assertRowsEqual(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], (float) TOLERANCE, what + ", row " + i);
        }
    }

    private static Network loaded(EngineName engine, ModelSpec spec, JsonNode golden) {
        Network network = Engine.named(engine).build(spec, OptimizerConfig.adam(0.01), TrainingConventions.PYTORCH, 1);
        network.load(TorchGolden.weights(golden.get("weights")));
        return network;
    }

    private static float[][] matrix(JsonNode rows) {
        List<float[]> all = new ArrayList<>();
        rows.forEach(row -> all.add(floats(row)));
        return all.toArray(float[][]::new);
    }
}
