package org.tagbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeLong's test, Holm's correction, the t interval and the paired bootstrap against an independent float64
 * NumPy / SciPy / scikit-learn implementation (golden file from scripts/compare_golden.py): DeLong by its O(n^2)
 * definition, the bootstrap replaying the script's own resamples.
 */
class SignificanceAgreementTest {
    private static final double TOLERANCE = 1e-9;
    private static final double REPLAY_RELATIVE = 1e-12;
    private static final JsonNode GOLDEN = golden();

    static Stream<JsonNode> delong() {
        return nodes(GOLDEN.get("delong")).stream();
    }

    static Stream<JsonNode> holm() {
        return nodes(GOLDEN.get("holm")).stream();
    }

    static Stream<JsonNode> meanInterval() {
        return nodes(GOLDEN.get("mean_interval")).stream();
    }

    static Stream<JsonNode> bootstrap() {
        return nodes(GOLDEN.get("bootstrap")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delong")
    void deLongMatchesItsQuadraticDefinition(JsonNode c) {
        DeLongComparison test = DeLongComparison.of(doubles(c.get("scores_a")), doubles(c.get("scores_b")),
                booleans(c.get("labels")));

        assertEquals(c.get("positives").asInt(), test.positives());
        assertEquals(c.get("negatives").asInt(), test.negatives());
        assertClose(c.get("auc_a"), test.rocAucA(), TOLERANCE);
        assertClose(c.get("auc_b"), test.rocAucB(), TOLERANCE);
        assertClose(c.get("var_a"), test.varianceA(), TOLERANCE);
        assertClose(c.get("var_b"), test.varianceB(), TOLERANCE);
        assertClose(c.get("cov"), test.covariance(), TOLERANCE);
        assertClose(c.get("z"), test.z(), TOLERANCE);
        assertClose(c.get("p"), test.p(), TOLERANCE);
        // The far-apart case's p is about 1e-288: its tail must be right relative to its size, not just near 0.
        if (!c.get("p").isNull()) {
            assertEquals(c.get("p").asDouble(), test.p(), TOLERANCE * c.get("p").asDouble());
        }
        assertEquals(!c.get("auc_a").isNull(), test.defined());
        assertEquals(!c.get("p").isNull(), test.tested());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("delong")
    void deLongAucsAreScikitLearnsRocAuc(JsonNode c) {
        double[] a = doubles(c.get("scores_a"));
        boolean[] labels = booleans(c.get("labels"));
        DeLongComparison test = DeLongComparison.of(a, a, labels);

        double expected = RocAuc.of(a, labels);
        assertEquals(Double.isNaN(expected), Double.isNaN(test.rocAucA()));
        if (!Double.isNaN(expected)) {
            assertEquals(expected, test.rocAucA(), 1e-12);
        }
        // A run against itself: no difference, so z = 0 and p = 1 wherever the test can be made.
        if (!c.get("p").isNull()) {
            assertEquals(0, test.z());
            assertEquals(1, test.p());
        } else {
            assertFalse(test.tested());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holm")
    void holmMatchesItsDefinition(JsonNode c) {
        double[] adjusted = HolmCorrection.adjust(doubles(c.get("p")));

        List<JsonNode> expected = nodes(c.get("adjusted"));
        assertEquals(expected.size(), adjusted.length);
        for (int i = 0; i < adjusted.length; i++) {
            assertClose(expected.get(i), adjusted[i], TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meanInterval")
    void meanIntervalMatchesScipysT(JsonNode c) {
        MeanInterval interval = MeanInterval.of(doubles(c.get("values")));

        assertEquals(c.get("values").size(), interval.n());
        assertEquals(c.get("mean").asDouble(), interval.mean(), TOLERANCE);
        assertClose(c.get("sd"), interval.standardDeviation(), TOLERANCE);
        assertClose(c.get("half_width"), interval.halfWidth(), TOLERANCE);
        assertEquals(!c.get("half_width").isNull(), interval.hasInterval());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bootstrap")
    void bootstrapReplaysScikitLearnOnTheSameResamples(JsonNode c) {
        boolean[][] labels = booleanMatrix(c.get("labels"));
        Resamples resamples = Resamples.of(labels.length, intMatrix(c.get("rows")));
        BootstrapMacros a = BootstrapMacros.of(RankedTags.of(doubleMatrix(c.get("scores_a")), labels), resamples);
        BootstrapMacros b = BootstrapMacros.of(RankedTags.of(doubleMatrix(c.get("scores_b")), labels), resamples);

        assertReplayed(c.get("roc").get("a"), a.rocAuc());
        assertReplayed(c.get("roc").get("b"), b.rocAuc());
        assertReplayed(c.get("pr").get("a"), a.prAuc());
        assertReplayed(c.get("pr").get("b"), b.prAuc());
        PairedBootstrap paired = PairedBootstrap.of(a, b);
        assertDifference(c.get("roc"), paired.rocAuc());
        assertDifference(c.get("pr"), paired.prAuc());
        assertEquals(c.get("roc").get("used").asInt(), paired.resamplesUsed());
    }

    private static void assertDifference(JsonNode expected, PairedBootstrap.Difference actual) {
        assertRelative(expected.get("observed"), actual.observed());
        assertRelative(expected.get("low"), actual.low());
        assertRelative(expected.get("high"), actual.high());
    }

    private static void assertReplayed(JsonNode expected, double[] actual) {
        List<JsonNode> values = nodes(expected);
        assertEquals(values.size(), actual.length);
        boolean someUndefined = false;
        for (int r = 0; r < actual.length; r++) {
            assertRelative(values.get(r), actual[r]);
            someUndefined |= Double.isNaN(actual[r]);
        }
        assertFalse(someUndefined && values.stream().noneMatch(JsonNode::isNull));
    }

    private static void assertRelative(JsonNode expected, double actual) {
        assertClose(expected, actual, expected.isNull() ? 0 : REPLAY_RELATIVE * Math.abs(expected.asDouble()));
    }

    private static void assertClose(JsonNode expected, double actual, double tolerance) {
        if (expected.isNull()) {
            assertTrue(Double.isNaN(actual), "expected undefined (NaN), was " + actual);
        } else {
            assertEquals(expected.asDouble(), actual, tolerance);
        }
    }

    private static JsonNode golden() {
        try (InputStream in = SignificanceAgreementTest.class.getResourceAsStream("/compare/golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] doubles(JsonNode array) {
        return nodes(array).stream().mapToDouble(n -> n.isNull() ? Double.NaN : n.asDouble()).toArray();
    }

    private static boolean[] booleans(JsonNode array) {
        List<JsonNode> values = nodes(array);
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asBoolean();
        }
        return out;
    }

    private static double[][] doubleMatrix(JsonNode rows) {
        return nodes(rows).stream().map(SignificanceAgreementTest::doubles).toArray(double[][]::new);
    }

    private static boolean[][] booleanMatrix(JsonNode rows) {
        return nodes(rows).stream().map(row -> {
            boolean[] out = new boolean[row.size()];
            for (int j = 0; j < out.length; j++) {
                out[j] = row.get(j).asInt() == 1;
            }
            return out;
        }).toArray(boolean[][]::new);
    }

    private static int[][] intMatrix(JsonNode rows) {
        return nodes(rows).stream().map(row -> nodes(row).stream().mapToInt(JsonNode::asInt).toArray())
                .toArray(int[][]::new);
    }

    private static List<JsonNode> nodes(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
