package org.tagbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.data.TagVocabulary;

/** ROC-AUC and average precision against scikit-learn 1.2 (golden file from scripts/metrics_golden.py). */
class ScikitLearnAgreementTest {
    private static final double TOLERANCE = 1e-12;

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = ScikitLearnAgreementTest.class.getResourceAsStream("/metrics/golden.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return List.copyOf(iterable(root.get("cases"))).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rocAucAndAveragePrecisionMatchScikitLearn(JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        boolean[] labels = booleans(c.get("labels"));
        assertMetric(c.get("roc_auc"), RocAuc.of(scores, labels));
        assertMetric(c.get("average_precision"), AveragePrecision.of(scores, labels));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tagMetricsLeavesSingleClassTagsOutOfTheMacroMean(JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        boolean[] labels = booleans(c.get("labels"));
        // Column 0 is this case, column 1 a perfectly ranked tag: the macro mean covers only defined columns.
        double[][] matrix = new double[scores.length][2];
        boolean[][] truth = new boolean[scores.length][2];
        for (int i = 0; i < scores.length; i++) {
            matrix[i][0] = scores[i];
            truth[i][0] = labels[i];
            truth[i][1] = i % 2 == 0;
            matrix[i][1] = truth[i][1] ? 1 : 0;
        }
        TagMetrics metrics = TagMetrics.of(new TagVocabulary(List.of("case", "perfect")), matrix, truth);
        if (c.get("roc_auc").isNull()) {
            assertEquals(List.of("case"), metrics.undefinedTags());
            assertEquals(1.0, metrics.rocAucMacro(), TOLERANCE);
            assertEquals(1, metrics.definedTags());
        } else {
            assertTrue(metrics.undefinedTags().isEmpty());
            assertEquals((c.get("roc_auc").asDouble() + 1.0) / 2, metrics.rocAucMacro(), TOLERANCE);
            assertEquals((c.get("average_precision").asDouble() + 1.0) / 2, metrics.prAucMacro(), TOLERANCE);
        }
    }

    @org.junit.jupiter.api.Test
    void aNanScoreIsRejectedNotRanked() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(new double[] {0.2, Double.NaN, 0.9}, new boolean[] {false, true, true}));
        assertEquals("score 1 is NaN", e.getMessage());
    }

    private static void assertMetric(JsonNode expected, double actual) {
        if (expected.isNull()) {
            assertTrue(Double.isNaN(actual), "undefined metric should be NaN, was " + actual);
        } else {
            assertEquals(expected.asDouble(), actual, TOLERANCE);
        }
    }

    private static double[] doubles(JsonNode array) {
        return iterable(array).stream().mapToDouble(JsonNode::asDouble).toArray();
    }

    private static boolean[] booleans(JsonNode array) {
        List<JsonNode> nodes = iterable(array);
        boolean[] out = new boolean[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nodes.get(i).asBoolean();
        }
        return out;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
