package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.tagbench.engine.ConventionsGolden.floats;
import static org.tagbench.engine.ConventionsGolden.ints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.Concat;
import org.tagbench.model.DenseBlock;
import org.tagbench.model.LayerSpec;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;

/**
 * The pytorch engine's musicnn, loaded with the weights of src/test/resources/engine/musicnn-golden.json
 * (scripts/musicnn_golden.py: the sota-music-tagging-models repo's Musicnn rebuilt in plain torch, float64, its
 * state_dict renamed to the weight layout), gives torch's front end, mid end, pooled features, dense layer and tag
 * probabilities. DL4J does not build graphs yet, so only the pytorch engine runs it.
 */
class MusicnnGoldenTest {
    /** The engine runs in float32 against torch's float64, on values up to about 30. */
    private static final double TOLERANCE = 1e-4;

    @Test
    void outputsEqualTheReposNetworkInTorch() throws IOException {
        JsonNode golden = golden();
        int[] widths = ints(golden.get("widths"));
        ModelSpec spec = Architecture.MUSICNN.spec(golden.get("input").get(0).asInt(),
                golden.get("input").get(1).asInt(), golden.get("tags").asInt(), widths);
        List<Class<? extends LayerSpec>> kinds = List.of(Concat.class, Concat.class, Concat.class, DenseBlock.class);
        List<String> nodes = List.of("7", "13", "16", "17");
        for (int i = 0; i < nodes.size(); i++) {
            assertInstanceOf(kinds.get(i), spec.layers().get(Integer.parseInt(nodes.get(i))), "node " + nodes.get(i));
        }
        int rows = golden.get("probabilities").size();
        Batch batch = new Batch(floats(golden.get("features")), new float[rows * spec.tags()], rows);
        try (Network network = Engine.named(EngineName.PYTORCH).build(spec, OptimizerConfig.adam(0.01),
                TrainingConventions.PYTORCH, 1)) {
            network.load(weights(golden.get("weights")));
            for (String node : nodes) {
                assertClose(golden.get("nodes").get(node), network.layerOutputs(batch, Integer.parseInt(node)),
                        "node " + node);
            }
            assertClose(golden.get("probabilities"), network.predict(batch), "probabilities");
        }
    }

    private static void assertClose(JsonNode expected, float[][] actual, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int r = 0; r < actual.length; r++) {
            float[] wanted = floats(expected.get(r));
            assertEquals(wanted.length, actual[r].length, what + ", row " + r);
            for (int i = 0; i < wanted.length; i++) {
                assertEquals(wanted[i], actual[r][i], TOLERANCE, what + ", row " + r + ", value " + i);
            }
        }
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = MusicnnGoldenTest.class.getResourceAsStream("/engine/musicnn-golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static ModelWeights weights(JsonNode named) {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        named.fields().forEachRemaining(e -> arrays.put(e.getKey(),
                new WeightArray(ints(e.getValue().get("shape")), floats(e.getValue().get("values")))));
        return new ModelWeights(arrays);
    }
}
