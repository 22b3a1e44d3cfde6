package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.ScoreAssertions.assertScores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.config.EngineName;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.experiment.Experiment;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TagScore;
import org.tagbench.results.Artifact;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;
import org.tagbench.results.ScoreFiles;

/**
 * A run keeps its best model's per-track validation and test scores: {@code tagbench metrics} on the test files gives
 * exactly the run's recorded test metrics, on the validation files exactly its best epoch's validation ROC-AUC; the
 * rows are the split's tracks with their own labels; and the record lists each kept file with the size and SHA-256
 * that {@code sha256sum} gives.
 */
class ScoreFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void metricsOnTheScoreFilesRepeatTheRunsMetrics(EngineName engine) throws Exception {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(24, 1.0, 8000, 4));
        Path config = Files.writeString(dir.resolve("tiny.yaml"), String.join("\n",
                "seed: 2",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 24, clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: 4}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 5k}",
                "training: {engine: " + engine.configName() + ", batch_size: 4, max_epochs: 3}",
                "eval: {chunks: 2}",
                "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("results") + "}"));

        CommandRun run = CommandRun.of("run", config.toString());

        assertEquals(0, run.code(), run.err());
        Path folder;
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            folder = runs.filter(Files::isDirectory).findFirst().orElseThrow(); // beside the store's files
        }
        RunRecord record = RunRecordFile.read(folder.resolve(RunRecordFile.FILE_NAME));

        JsonNode test = metrics(folder, Split.TEST);
        assertSameMetrics(record.test(), test);
        double bestValidation = record.training().epochs().get(record.training().bestEpoch() - 1).validRocAuc();
        assertEquals(bestValidation, metrics(folder, Split.VALID).get("roc_auc").get("macro").asDouble(),
                "the best epoch's validation ROC-AUC");
        // The run keeps its best epoch's validation scores rather than validating again: they must be the scores
        // that validating the saved best model gives.
        double[][] validated = Experiment.evaluate(folder, Split.VALID,
                new PrintStream(OutputStream.nullOutputStream())).scores().scores();
        assertScores(validated, NpyMatrix.read(folder.resolve(ScoreFiles.scores(Split.VALID))), 1e-7);

        Map<String, Track> byId = index.tracks().stream().collect(Collectors.toMap(Track::id, Function.identity()));
        for (Split split : List.of(Split.VALID, Split.TEST)) {
            List<String> ids = Files.readAllLines(folder.resolve(ScoreFiles.tracks(split)), StandardCharsets.UTF_8);
            assertEquals(index.split(split).stream().map(Track::id).toList(), ids, split.label());
            double[][] labels = NpyMatrix.read(folder.resolve(ScoreFiles.labels(split)));
            double[][] scores = NpyMatrix.read(folder.resolve(ScoreFiles.scores(split)));
            assertEquals(ids.size(), scores.length);
            for (int i = 0; i < ids.size(); i++) {
                boolean[] truth = byId.get(ids.get(i)).labels();
                double[] expected = new double[truth.length];
                for (int j = 0; j < truth.length; j++) {
                    expected[j] = truth[j] ? 1 : 0;
                }
                assertArrayEquals(expected, labels[i], 0, ids.get(i));
            }
        }
        assertEquals(index.vocabulary().tags(), Files.readAllLines(folder.resolve(ScoreFiles.TAGS)));

        assertEquals(List.of("tags", "valid-scores", "valid-labels", "valid-tracks", "test-scores", "test-labels",
                "test-tracks", "best-model", "checkpoint"), record.artifacts().stream().map(Artifact::kind).toList());
        for (Artifact artifact : record.artifacts()) {
            Path file = folder.resolve(artifact.path());
            assertEquals(Files.size(file), artifact.bytes(), artifact.path());
            assertEquals(sha256sum(file), artifact.sha256(), artifact.path());
        }
    }

    /** {@code tagbench metrics --json} on {@code split}'s score and label files, with the run's tag names. */
    private static JsonNode metrics(Path folder, Split split) throws IOException {
        CommandRun run = CommandRun.of("metrics", folder.resolve(ScoreFiles.scores(split)).toString(),
                folder.resolve(ScoreFiles.labels(split)).toString(), "--tags",
                folder.resolve(ScoreFiles.TAGS).toString(), "--json");
        assertEquals(0, run.code(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    /** Every per-tag, macro and micro value equal to the last bit; undefined ones null. */
    private static void assertSameMetrics(TagMetrics recorded, JsonNode printed) {
        assertEquals(recorded.tracks(), printed.get("tracks").asInt());
        List<TagScore> tags = recorded.perTag();
        for (int j = 0; j < tags.size(); j++) {
            TagScore tag = tags.get(j);
            assertEquals(tag.tag(), printed.get("tags").get(j).asText());
            assertSameValue(tag.rocAuc(), printed.get("roc_auc").get("per_tag").get(j), tag.tag());
            assertSameValue(tag.prAuc(), printed.get("pr_auc").get("per_tag").get(j), tag.tag());
        }
        assertSameValue(recorded.rocAucMacro(), printed.get("roc_auc").get("macro"), "ROC-AUC macro");
        assertSameValue(recorded.prAucMacro(), printed.get("pr_auc").get("macro"), "PR-AUC macro");
        assertSameValue(recorded.rocAucMicro(), printed.get("roc_auc").get("micro"), "ROC-AUC micro");
        assertSameValue(recorded.prAucMicro(), printed.get("pr_auc").get("micro"), "PR-AUC micro");
    }

    private static void assertSameValue(double recorded, JsonNode printed, String what) {
        if (Double.isNaN(recorded)) {
            assertTrue(printed.isNull(), what + ": " + printed);
        } else {
            assertEquals(recorded, printed.asDouble(), what);
        }
    }

    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.substring(0, out.indexOf(' '));
    }
}
