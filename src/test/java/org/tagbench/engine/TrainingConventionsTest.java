package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.engine.ConventionsGolden.doubles;
import static org.tagbench.engine.ConventionsGolden.elements;
import static org.tagbench.engine.ConventionsGolden.floats;
import static org.tagbench.engine.ConventionsGolden.ints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.DenseBlock;
import org.tagbench.model.Gru;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

/**
 * Each convention on each engine against the float64 twin of scripts/conventions_golden.py (torch 1.13):
 * the distributions of the initial weights, and one training step from fixed weights on a fixed batch.
 */
class TrainingConventionsTest {
    private static final JsonNode GOLDEN = ConventionsGolden.root();
    /** Networks drawn per engine and convention: enough values that the smaller arrays' statistics mean something. */
    private static final int SEEDS = 8;
    /** Standard errors a sample statistic may stray: a false alarm once in about 1.7 million checks. */
    private static final double Z = 5;
    /** Kurtosis is compared only from this many values on (its tolerance, Z sqrt(24 / n), is then below 0.55). */
    private static final int KURTOSIS_VALUES = 2000;
    /** A float32 gradient's error in the one-step test (see there). */
    private static final double GRADIENT_ERROR = 1e-8;

    static Stream<Arguments> enginesAndConventions() {
        return Arrays.stream(EngineName.values()).flatMap(engine -> Arrays.stream(ConventionsName.values())
                .map(conventions -> Arguments.of(engine, conventions)));
    }

    /**
     * Per array, over {@value #SEEDS} networks: a constant is exact; a uniform stays within the golden's largest
     * |value| (the bound, which 200,000 reference draws approach to about 1e-5 of it; allowed 1e-4) and comes
     * within 12 / n of it (a uniform sample of n misses that with probability e^-12); mean, standard deviation and
     * kurtosis agree within {@value #Z} standard errors of both samples; an orthogonal array's W^T W is the identity
     * to float32 rounding (1e-5).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndConventions")
    void initialWeightsAreDrawnFromTheConventionsDistributions(EngineName engine, ConventionsName name) {
        JsonNode facts = GOLDEN.get("init").get("conventions").get(name.configName());
        ModelSpec spec = initSpec();
        Map<String, List<WeightArray>> draws = new LinkedHashMap<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            try (Network network = Engine.named(engine).build(spec, OptimizerConfig.adam(1e-3),
                    TrainingConventions.of(name), seed)) {
                network.weights().arrays().forEach((slot, array) ->
                        draws.computeIfAbsent(slot, s -> new ArrayList<>()).add(array));
            }
        }
        assertEquals(WeightLayout.of(spec).stream().map(WeightSlot::name).toList(),
                fieldNames(facts), "the golden's arrays are the layout's");
        for (WeightSlot slot : WeightLayout.of(spec)) {
            JsonNode fact = facts.get(slot.name());
            assertArrayEquals(ints(fact.get("shape")), slot.shape(), slot.name());
            assertDrawnFrom(fact, slot.name(), draws.get(slot.name()));
        }
    }

    @Test
    void tagbenchsOwnDrawsAreTheSameOnEveryEngine() {
        ModelSpec spec = initSpec();
        for (ConventionsName name : ConventionsName.values()) {
            TrainingConventions conventions = TrainingConventions.of(name);
            if (conventions.engineDraws()) {
                continue;
            }
            try (Network dl4j = Engine.named(EngineName.DL4J).build(spec, OptimizerConfig.adam(1e-3), conventions, 3);
                 Network pytorch = Engine.named(EngineName.PYTORCH).build(spec, OptimizerConfig.adam(1e-3),
                         conventions, 3)) {
                assertEquals(InitialWeights.draw(spec, conventions, 3), dl4j.weights(), name.configName());
                assertEquals(dl4j.weights(), pytorch.weights(), name.configName());
            }
        }
    }

    /**
     * The twin's float64 step, which the engines compute in float32. Adam's first step moves a weight by lr * g /
     * (|g| + e), so a weight may differ by two float32 roundings of itself (2.4e-7 of it), 1e-5 of its update, and
     * what a float32 gradient's error (taken as 1e-8: rounding, 6e-8, of terms up to the largest gradient here, 0.7)
     * becomes through that step, lr * e / (|g| + e)^2 per unit, with |g| / (|g| + e) read off the twin's update.
     * A running statistic may differ by 2e-6 of it (a batch variance of up to 96 float32 values), the loss by 1e-6.
     * A bias in front of a batch norm has a zero gradient in exact arithmetic: its float32 gradient is rounding noise
     * that Adam's first step scales up to at most lr, the one bound checked for it.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndConventions")
    void oneStepFromFixedWeightsGivesTheTwinsWeightsRunningStatisticsAndLoss(EngineName engine, ConventionsName name) {
        JsonNode step = GOLDEN.get("step");
        String caseName = name == ConventionsName.DL4J ? "dl4j-engine-" + engine.configName() : name.configName();
        JsonNode expected = step.get("cases").get(caseName);
        double lr = step.get("lr").asDouble();
        double epsilon = expected.get("first_step_epsilon").asDouble();
        ModelSpec spec = stepSpec();
        ModelWeights initial = weights(step.get("initial"), step.get("shapes"));
        JsonNode size = step.get("spec");
        Batch batch = new Batch(floats(step.get("features")), floats(step.get("labels")), size.get("rows").asInt());
        try (Network network = Engine.named(engine).build(spec, OptimizerConfig.adam(lr), TrainingConventions.of(name),
                1)) {
            network.load(initial);
            double loss = network.fit(batch);
            assertEquals(expected.get("loss").asDouble(), loss, 1e-6 * expected.get("loss").asDouble(), "loss");
            ModelWeights after = network.weights();
            List<String> zeroGradient = elements(expected.get("zero_gradient")).stream().map(JsonNode::asText)
                    .toList();
            for (WeightSlot slot : WeightLayout.of(spec)) {
                float[] before = initial.get(slot.name()).values();
                float[] actual = after.get(slot.name()).values();
                double[] twin = doubles(expected.get("weights").get(slot.name()));
                for (int i = 0; i < actual.length; i++) {
                    String where = caseName + " " + slot.name() + "[" + i + "]";
                    if (zeroGradient.contains(slot.name())) {
                        assertTrue(Math.abs(actual[i] - before[i]) <= lr * (1 + 1e-6), where);
                    } else if (slot.trainable()) {
                        double update = Math.abs(twin[i] - before[i]);
                        double unexplained = 1 - update / lr;
                        double tolerance = 2.4e-7 * Math.abs(twin[i]) + 1e-5 * update
                                + lr * unexplained * unexplained / epsilon * GRADIENT_ERROR;
                        assertEquals(twin[i], actual[i], tolerance, where);
                    } else {
                        assertEquals(twin[i], actual[i], 2e-6 * Math.abs(twin[i]), where);
                    }
                }
            }
        }
    }

    private static void assertDrawnFrom(JsonNode fact, String slot, List<WeightArray> arrays) {
        double[] x = arrays.stream().flatMapToDouble(a -> floatsAsDoubles(a.values())).toArray();
        String kind = fact.get("kind").asText();
        if (kind.equals("constant")) {
            double value = fact.get("value").asDouble();
            assertTrue(Arrays.stream(x).allMatch(v -> v == value), slot + " is not all " + value);
            return;
        }
        int n = x.length;
        double mean = Arrays.stream(x).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        double kurtosis = Arrays.stream(x).map(v -> Math.pow(v - mean, 4)).average().orElseThrow() / Math.pow(std, 4);
        double goldenStd = fact.get("std").asDouble();
        double goldenKurtosis = fact.get("kurtosis").asDouble();
        int goldenValues = fact.get("values").asInt();
        // The standard error of a sample's standard deviation, relative to it: sqrt((kurtosis - 1) / 4n).
        double stdError = Math.sqrt((goldenKurtosis - 1) / (4.0 * n)) + Math.sqrt((goldenKurtosis - 1) / (4.0
                * goldenValues));
        assertEquals(goldenStd, std, Z * stdError * goldenStd, slot + " standard deviation");
        assertEquals(0, mean, Z * goldenStd / Math.sqrt(n), slot + " mean");
        if (n >= KURTOSIS_VALUES) {
            assertEquals(goldenKurtosis, kurtosis, Z * Math.sqrt(24.0 / n), slot + " kurtosis");
        }
        double maxAbs = Arrays.stream(x).map(Math::abs).max().orElseThrow();
        if (kind.equals("uniform")) {
            double bound = fact.get("max_abs").asDouble();
            assertTrue(maxAbs <= bound * (1 + 1e-4), slot + ": " + maxAbs + " beyond the bound " + bound);
            assertTrue(maxAbs >= bound * (1 - 12.0 / n), slot + ": " + maxAbs + " falls short of the bound " + bound);
        }
        if (kind.equals("orthogonal")) {
            for (WeightArray array : arrays) {
                assertOrthonormalColumns(slot, array);
            }
        }
    }

    private static void assertOrthonormalColumns(String slot, WeightArray array) {
        int rows = array.shape()[0];
        int cols = array.shape()[1];
        float[] w = array.values();
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < cols; b++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += (double) w[r * cols + a] * w[r * cols + b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-5, slot + " columns " + a + ", " + b);
            }
        }
    }

    /** The golden's init spec: every layer kind, wide enough for statistics. */
    private static ModelSpec initSpec() {
        JsonNode s = GOLDEN.get("init").get("spec");
        int kernel = s.get("kernel").asInt();
        int pool = s.get("pool").asInt();
        JsonNode convs = s.get("conv");
        return new ModelSpec(Architecture.CRNN, s.get("mels").asInt(), s.get("frames").asInt(), s.get("tags").asInt(),
                List.of(), List.of(new TimeBatchNorm(s.get("frames").asInt()),
                new ConvBlock(convs.get(0).get(0).asInt(), convs.get(0).get(1).asInt(), kernel, kernel,
                        ConvBlock.Padding.SAME, pool, pool),
                new ConvBlock(convs.get(1).get(0).asInt(), convs.get(1).get(1).asInt(), kernel, kernel,
                        ConvBlock.Padding.SAME, pool, pool),
                new Gru(s.get("gru").get(0).asInt(), s.get("gru").get(1).asInt(), false),
                new DenseBlock(s.get("dense").get(0).asInt(), s.get("dense").get(1).asInt()),
                new SigmoidOutput(s.get("output").get(0).asInt(), s.get("output").get(1).asInt())));
    }

    /** The golden's step spec: every layer kind, small. */
    private static ModelSpec stepSpec() {
        JsonNode s = GOLDEN.get("step").get("spec");
        return new ModelSpec(Architecture.CRNN, s.get("mels").asInt(), s.get("frames").asInt(), s.get("tags").asInt(),
                List.of(), List.of(new TimeBatchNorm(s.get("frames").asInt()),
                new ConvBlock(s.get("conv").get(0).asInt(), s.get("conv").get(1).asInt(), 3, 3,
                        ConvBlock.Padding.SAME, 2, 2),
                new Gru(s.get("gru").get(0).asInt(), s.get("gru").get(1).asInt(), false),
                new DenseBlock(s.get("dense").get(0).asInt(), s.get("dense").get(1).asInt()),
                new SigmoidOutput(s.get("output").get(0).asInt(), s.get("output").get(1).asInt())));
    }

    private static ModelWeights weights(JsonNode values, JsonNode shapes) {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        values.fieldNames().forEachRemaining(name ->
                arrays.put(name, new WeightArray(ints(shapes.get(name)), floats(values.get(name)))));
        return new ModelWeights(arrays);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static DoubleStream floatsAsDoubles(float[] values) {
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]);
    }
}
