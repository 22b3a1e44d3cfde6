package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;

/**
 * Both engines' bilstm-attn, loaded with the weights of src/test/resources/engine/bilstm-attn-golden.json
 * (scripts/lstm_golden.py: the same network in plain torch, float64, torch.nn.LSTM bidirectional), give torch's LSTM
 * states, attention-pooled features and tag probabilities.
 */
class BilstmAttnGoldenTest {
    /** The engines run in float32 against torch's float64. */
    private static final double TOLERANCE = 1e-5;
    private static final int LSTM_LAYER = 4;
    private static final int ATTENTION_LAYER = 5;

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineName.class)
    void outputsEqualTorchs(EngineName engine) throws IOException {
        JsonNode golden = golden();
        int[] widths = ints(golden.get("widths"));
        int mels = golden.get("input").get(0).asInt();
        int frames = golden.get("input").get(1).asInt();
        ModelSpec spec = Architecture.BILSTM_ATTN.spec(mels, frames, golden.get("tags").asInt(), widths);
        List<ConvBlock> convs = spec.layersOf(ConvBlock.class);
        assertArrayEquals(ints(golden.get("freq_pools")), convs.stream().mapToInt(ConvBlock::poolHeight).toArray());
        assertArrayEquals(ints(golden.get("time_pools")), convs.stream().mapToInt(ConvBlock::poolWidth).toArray());
        float[] features = floats(golden.get("features"));
        int rows = golden.get("probabilities").size();
        Batch batch = new Batch(features, new float[rows * spec.tags()], rows);
        try (Network network = Engine.named(engine).build(spec, OptimizerConfig.adam(0.01),
                TrainingConventions.PYTORCH, 1)) {
            network.load(weights(golden.get("weights")));
            assertClose(golden.get("lstm"), network.layerOutputs(batch, LSTM_LAYER));
            assertClose(golden.get("attention"), network.layerOutputs(batch, ATTENTION_LAYER));
            assertClose(golden.get("probabilities"), network.predict(batch));
        }
    }

    private static void assertClose(JsonNode expected, float[][] actual) {
        assertEquals(expected.size(), actual.length);
        for (int r = 0; r < actual.length; r++) {
            float[] wanted = floats(expected.get(r));
            assertEquals(wanted.length, actual[r].length, "row " + r);
            for (int i = 0; i < wanted.length; i++) {
                assertEquals(wanted[i], actual[r][i], TOLERANCE, "row " + r + ", value " + i);
            }
        }
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = BilstmAttnGoldenTest.class.getResourceAsStream("/engine/bilstm-attn-golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static ModelWeights weights(JsonNode named) {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        named.fields().forEachRemaining(e -> arrays.put(e.getKey(),
                new WeightArray(ints(e.getValue().get("shape")), floats(e.getValue().get("values")))));
        return new ModelWeights(arrays);
    }

    private static int[] ints(JsonNode list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) list.get(i).asDouble();
        }
        return out;
    }
}
