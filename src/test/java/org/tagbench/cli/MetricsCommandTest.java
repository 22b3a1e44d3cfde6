package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tagbench metrics} on matrices made by scripts/metrics_matrix_golden.py, against scikit-learn's values for
 * them (within 1e-12), from .npy and from CSV; and its one-line errors.
 */
class MetricsCommandTest {
    private static final Path DIR = Path.of("src/test/resources/metrics");

    @TempDir
    Path dir;

    @Test
    void npyMatricesGiveScikitLearnsMetrics() throws IOException {
        CommandRun run = CommandRun.of("metrics", DIR.resolve("matrix-scores.npy").toString(), DIR.resolve("matrix-labels.npy").toString(),
                "--tags", tagsFile().toString(), "--json");

        assertEquals(0, run.code(), run.err());
        assertAgrees(new ObjectMapper().readTree(run.out()));
    }

    @Test
    void csvMatricesWithAHeaderGiveTheSameMetrics() throws IOException {
        CommandRun run = CommandRun.of("metrics", DIR.resolve("matrix-scores.csv").toString(), DIR.resolve("matrix-labels.csv").toString(),
                "--json");

        assertEquals(0, run.code(), run.err());
        assertAgrees(new ObjectMapper().readTree(run.out()));
    }

    @Test
    void theTableEndsWithTheSummaryLine() {
        CommandRun run = CommandRun.of("metrics", DIR.resolve("matrix-scores.csv").toString(), DIR.resolve("matrix-labels.npy").toString());

        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches(
                "scores ROC-AUC \\(macro\\): 0\\.\\d{4}  PR-AUC \\(macro\\): 0\\.\\d{4}  tags: 4  tracks: 60"),
                lines[lines.length - 1]);
        assertTrue(run.out().contains("never"), run.out());
    }

    @Test
    void matricesOfDifferentShapesAreAOneLineError() throws IOException {
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "0.1,0.2\n0.3,0.4\n");

        CommandRun run = CommandRun.of("metrics", small.toString(), DIR.resolve("matrix-labels.npy").toString());

        assertEquals(2, run.code());
        assertEquals("tagbench: " + small + " is 2 x 2 but " + DIR.resolve("matrix-labels.npy") + " is 60 x 5 (see"
                + " 'tagbench metrics --help')", run.err().strip());
    }

    @Test
    void labelsOtherThanZeroOrOneAreAOneLineError() throws IOException {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "1,0\n0,0.5\n");

        CommandRun run = CommandRun.of("metrics", labels.toString(), labels.toString());

        assertEquals(2, run.code());
        assertEquals("tagbench: " + labels + ": value 0.5 at row 2, column 2 is not a label (expected 0 or 1) (see"
                + " 'tagbench metrics --help')", run.err().strip());
    }

    private static void assertAgrees(JsonNode actual) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("matrix-expected.json").toFile());
        assertEquals(expected.get("tags"), actual.get("tags"));
        assertEquals(expected.get("undefined_tags"), actual.get("undefined_tags"));
        for (String metric : new String[] {"roc_auc", "pr_auc"}) {
            JsonNode want = expected.get(metric);
            JsonNode got = actual.get(metric);
            for (int j = 0; j < want.get("per_tag").size(); j++) {
                JsonNode w = want.get("per_tag").get(j);
                JsonNode g = got.get("per_tag").get(j);
                if (w.isNull()) {
                    assertTrue(g.isNull(), metric + " tag " + j);
                } else {
                    assertEquals(w.asDouble(), g.asDouble(), 1e-12, metric + " tag " + j);
                }
            }
            assertEquals(want.get("macro").asDouble(), got.get("macro").asDouble(), 1e-12, metric + " macro");
            assertEquals(want.get("micro").asDouble(), got.get("micro").asDouble(), 1e-12, metric + " micro");
        }
        assertEquals(60, actual.get("tracks").asInt());
    }

    private Path tagsFile() throws IOException {
        return Files.writeString(dir.resolve("tags.txt"), "rock\njazz\nties\nnever\nrare\n");
    }
}
