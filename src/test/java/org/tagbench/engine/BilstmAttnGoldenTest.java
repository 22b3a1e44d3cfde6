package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.tagbench.engine.ConventionsGolden.floats;
import static org.tagbench.engine.ConventionsGolden.ints;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ModelSpec;

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
        JsonNode golden = TorchGolden.read("/engine/bilstm-attn-golden.json");
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
            network.load(TorchGolden.weights(golden.get("weights")));
            TorchGolden.assertClose(golden.get("lstm"), network.layerOutputs(batch, LSTM_LAYER), TOLERANCE,
                    "lstm");
            TorchGolden.assertClose(golden.get("attention"), network.layerOutputs(batch, ATTENTION_LAYER), TOLERANCE,
                    "attention");
            TorchGolden.assertClose(golden.get("probabilities"), network.predict(batch), TOLERANCE, "probabilities");
        }
    }
}
