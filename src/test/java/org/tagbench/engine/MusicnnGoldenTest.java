package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.tagbench.model.Concat;
import org.tagbench.model.DenseBlock;
import org.tagbench.model.LayerSpec;
import org.tagbench.model.ModelSpec;

/**
 * Both engines' musicnn, loaded with the weights of src/test/resources/engine/musicnn-golden.json
 * (scripts/musicnn_golden.py: the sota-music-tagging-models repo's Musicnn rebuilt in plain torch, float64, its
 * state_dict renamed to the weight layout), give torch's front end, mid end, pooled features, dense layer and tag
 * probabilities.
 */
class MusicnnGoldenTest {
    /** The engines run in float32 against torch's float64, on values up to about 30. */
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineName.class)
    void outputsEqualTheReposNetworkInTorch(EngineName engine) throws IOException {
        JsonNode golden = TorchGolden.read("/engine/musicnn-golden.json");
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
        try (Network network = Engine.named(engine).build(spec, OptimizerConfig.adam(0.01),
                TrainingConventions.PYTORCH, 1)) {
            network.load(TorchGolden.weights(golden.get("weights")));
            for (String node : nodes) {
                float[][] outputs = network.layerOutputs(batch, Integer.parseInt(node));
                TorchGolden.assertClose(golden.get("nodes").get(node), outputs, TOLERANCE, "node " + node);
            }
            TorchGolden.assertClose(golden.get("probabilities"), network.predict(batch), TOLERANCE, "probabilities");
        }
    }
}
