package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tagbench.engine.ConventionsGolden.doubles;
import static org.tagbench.engine.ConventionsGolden.floats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EngineName;
import org.tagbench.config.LossName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.WeightArray;

/**
 * Cross-entropy and mse on each engine against torch in float64 (scripts/task_metrics_golden.py,
 * engine/task-loss-golden.json): a linear model (the output layer on the flattened input) takes one plain SGD step
 * from fixed weights on a fixed batch. The loss is the twin's to 1e-6 of it, and each weight after the step is
 * w - lr g, so it checks the gradient (float32: within 1e-6 absolute, about ten float32 roundings of terms near 1).
 */
class TaskLossTest {
    private static final JsonNode GOLDEN = golden();

    static Stream<Arguments> enginesAndLosses() {
        return Arrays.stream(EngineName.values()).flatMap(engine -> Stream.of(LossName.CROSS_ENTROPY, LossName.MSE)
                .flatMap(loss -> Arrays.stream(ConventionsName.values()).map(c -> Arguments.of(engine, loss, c))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("enginesAndLosses")
    void oneSgdStepMatchesTorch(EngineName engine, LossName loss, ConventionsName conventions) {
        JsonNode expected = GOLDEN.get("cases").get(loss.configName());
        int mels = GOLDEN.get("mels").asInt();
        int frames = GOLDEN.get("frames").asInt();
        int classes = GOLDEN.get("classes").asInt();
        int rows = GOLDEN.get("rows").asInt();
        double lr = GOLDEN.get("lr").asDouble();
        ModelSpec spec = new ModelSpec(Architecture.K2C2, mels, frames, classes, List.of(),
                List.of(new SigmoidOutput(mels * frames, classes)));
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        arrays.put("layers.0.linear.weight", new WeightArray(new int[] {classes, mels * frames},
                floats(GOLDEN.get("weight"))));
        arrays.put("layers.0.linear.bias", new WeightArray(new int[] {classes}, floats(GOLDEN.get("bias"))));
        OptimizerConfig sgd = new OptimizerConfig("sgd", lr, 0.9, 0.999, 0, 0, false);
        try (Network network = Engine.named(engine).build(spec, sgd,
                TrainingConventions.of(conventions).minimising(loss), 1)) {
            network.load(new ModelWeights(arrays));
            double value = network.fit(new Batch(floats(GOLDEN.get("features")), floats(expected.get("labels")),
                    rows));
            assertEquals(expected.get("loss").asDouble(), value, 1e-6 * expected.get("loss").asDouble(), "loss");
            ModelWeights after = network.weights();
            assertClose(doubles(expected.get("weight")), after.get("layers.0.linear.weight").values(), "weight");
            assertClose(doubles(expected.get("bias")), after.get("layers.0.linear.bias").values(), "bias");
        }
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, what + "[" + i + "]");
        }
    }

    private static JsonNode golden() {
        try (InputStream in = TaskLossTest.class.getResourceAsStream("/engine/task-loss-golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
