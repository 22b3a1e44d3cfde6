package org.tagbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.data.TagVocabulary;

/**
 * {@link LabelRanking} and {@link ClassMetrics} against scikit-learn's and the Freesound challenge's definitions
 * (scripts/task_metrics_golden.py, metrics/task-golden.json), to 1e-12.
 */
class TaskMetricsGoldenTest {
    private static final JsonNode GOLDEN = golden();

    static Stream<JsonNode> rankingCases() {
        return elements(GOLDEN.get("ranking")).stream();
    }

    static Stream<JsonNode> classCases() {
        return elements(GOLDEN.get("classes")).stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("rankingCases")
    void labelRankingIsScikitLearnsLrapAndTheChallengesLwlrap(JsonNode c) {
        double[][] scores = matrix(c.get("scores"));
        boolean[][] labels = IntStream.range(0, scores.length)
                .mapToObj(i -> toBooleans(matrix(c.get("labels"))[i])).toArray(boolean[][]::new);
        LabelRanking ranking = LabelRanking.of(scores, labels);
        assertEquals(c.get("lrap").asDouble(), ranking.lrap(), 1e-12, c.get("name").asText() + " lrap");
        assertEquals(c.get("lwlrap").asDouble(), ranking.lwlrap(), 1e-12, c.get("name").asText() + " lwlrap");
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("classCases")
    void classMetricsAreScikitLearns(JsonNode c) {
        String name = c.get("name").asText();
        double[][] scores = matrix(c.get("scores"));
        int classes = c.get("classes").asInt();
        int[] truth = elements(c.get("truth")).stream().mapToInt(JsonNode::asInt).toArray();
        boolean[][] labels = new boolean[truth.length][classes];
        for (int i = 0; i < truth.length; i++) {
            labels[i][truth[i]] = true;
        }
        TagVocabulary vocabulary = new TagVocabulary(IntStream.range(0, classes).mapToObj(k -> "class" + k).toList());
        ClassMetrics metrics = ClassMetrics.of(vocabulary, scores, labels);
        assertEquals(c.get("accuracy").asDouble(), metrics.accuracy(), 1e-12, name + " accuracy");
        assertEquals(c.get("balanced_accuracy").asDouble(), metrics.balancedAccuracy(), 1e-12,
                name + " balanced accuracy");
        assertEquals(c.get("macro_f1").asDouble(), metrics.macroF1(), 1e-12, name + " macro F1");
        double[][] confusion = matrix(c.get("confusion"));
        for (int k = 0; k < classes; k++) {
            assertArrayEquals(confusion[k], longsAsDoubles(metrics.confusion()[k]), name + " confusion row " + k);
        }
        assertEquals(elements(c.get("absent")).stream().map(a -> "class" + a.asInt()).toList(),
                metrics.absentClasses(), name + " absent classes");
        assertEquals(truth.length, metrics.tracks());
    }

    @Test
    void aTrackWithoutExactlyOneClassIsRefused() {
        TagVocabulary vocabulary = new TagVocabulary(List.of("a", "b"));
        double[][] scores = {{0.2, 0.8}};
        assertEquals("track 0 has more than one class", assertThrows(IllegalArgumentException.class,
                () -> ClassMetrics.of(vocabulary, scores, new boolean[][] {{true, true}})).getMessage());
        assertEquals("track 0 has no class", assertThrows(IllegalArgumentException.class,
                () -> ClassMetrics.of(vocabulary, scores, new boolean[][] {{false, false}})).getMessage());
    }

    private static double[] longsAsDoubles(long[] row) {
        return IntStream.range(0, row.length).mapToDouble(i -> row[i]).toArray();
    }

    private static boolean[] toBooleans(double[] row) {
        boolean[] out = new boolean[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] == 1;
        }
        return out;
    }

    private static double[][] matrix(JsonNode rows) {
        return elements(rows).stream()
                .map(row -> elements(row).stream().mapToDouble(JsonNode::asDouble).toArray())
                .toArray(double[][]::new);
    }

    private static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        list.elements().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode golden() {
        try (InputStream in = TaskMetricsGoldenTest.class.getResourceAsStream("/metrics/task-golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
