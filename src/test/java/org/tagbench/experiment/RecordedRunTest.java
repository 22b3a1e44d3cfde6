package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.cli.TagbenchCommand;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.metrics.TagScore;
import org.tagbench.results.PostgresServer;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunImport;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunSummary;
import org.tagbench.results.StoredRuns;
import org.tagbench.train.EpochRecord;

/**
 * A run lands in the results store whole, on a real SQLite file and on a real PostgreSQL server: its row with the
 * config's key, the exact parameter count, provenance and the dataset's fingerprint, every epoch as the record has
 * it, the per-tag test metrics (undefined tags NULL), every file it keeps (score files, best model, checkpoint) with
 * the size and SHA-256 the file has; {@code tagbench metrics} on the test score file the store registers gives the
 * stored per-tag metrics exactly; a second store imports the folder, files included, once however often it is
 * imported; filters select it.
 */
class RecordedRunTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aFinishedRunIsInTheStoreAsItsRecordHasIt(String database) throws Exception {
        String url = store(database, "tagbench.db");
        Path config = TinyRun.config(dir, "stored", 40, 2, "training: {batch_size: 4, max_epochs: 2}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("results") + ", url: '" + url + "'}");
        ExperimentConfig experiment = ConfigLoader.load(config, List.of());
        RunRecord record = new Experiment(experiment, TinyRun.quiet()).run();

        ResultsStore store = ResultsStore.existing(url);
        StoredRuns runs = new StoredRuns(store);
        List<RunSummary> listed = runs.list(RunFilter.all());
        assertEquals(1, listed.size());
        RunSummary summary = listed.get(0);
        assertEquals("finished", summary.status());
        assertEquals(record.model().params(), summary.params());
        assertEquals(record.training().bestEpoch(), summary.bestEpoch());
        assertEquals(record.test().rocAucMacro(), summary.testRocAuc(), 0);
        assertEquals(record.training().epochs().stream().mapToDouble(EpochRecord::seconds).sum(),
                summary.trainingSeconds(), 1e-9);

        ObjectNode run = runs.show(summary.id()).orElseThrow();
        assertEquals(ConfigLoader.experimentKey(experiment), run.get("experiment_key").asText());
        assertEquals(record.id(), run.get("run_name").asText());
        assertEquals(ConfigLoader.canonicalJson(experiment), run.get("config").toString());
        assertEquals(record.provenance().backend(), run.get("backend").asText());
        assertEquals(Versions.tagbench(), run.get("tagbench_version").asText());
        assertEquals(record.model().widths().toString().replace(" ", ""), run.get("widths").toString());
        JsonNode epochs = run.get("epochs");
        assertEquals(record.training().epochs().size(), epochs.size());
        for (int i = 0; i < epochs.size(); i++) {
            EpochRecord e = record.training().epochs().get(i);
            assertEquals(e.epoch(), epochs.get(i).get("epoch").asInt());
            assertEquals(e.trainLoss(), epochs.get(i).get("train_loss").asDouble(), 0);
            assertEquals(e.validLoss(), epochs.get(i).get("valid_loss").asDouble(), 0);
            assertEquals(e.lr(), epochs.get(i).get("lr").asDouble(), 0);
            assertEquals(e.clipsPerSecond(), epochs.get(i).get("clips_per_second").asDouble(), 0);
        }
        // A multilabel run's label ranking (store version 3); the multiclass columns stay empty.
        assertEquals(record.testRanking().lrap(), run.get("test_lrap").asDouble(), 0);
        assertEquals(record.testRanking().lwlrap(), run.get("test_lwlrap").asDouble(), 0);
        assertTrue(run.get("test_accuracy").isNull() && run.get("test_classes").isNull(), run.toString());
        JsonNode tags = run.get("tag_metrics");
        List<TagScore> perTag = record.test().perTag();
        assertEquals(perTag.size(), tags.size());
        for (int j = 0; j < perTag.size(); j++) {
            JsonNode row = tags.get(j);
            assertEquals(perTag.get(j).tag(), row.get("tag").asText());
            assertEquals(perTag.get(j).positives(), row.get("positives").asInt());
            if (perTag.get(j).defined()) {
                assertEquals(perTag.get(j).rocAuc(), row.get("roc_auc").asDouble(), 0);
                assertEquals(perTag.get(j).prAuc(), row.get("pr_auc").asDouble(), 0);
            } else {
                assertTrue(row.get("roc_auc").isNull() && row.get("pr_auc").isNull(), row.toString());
            }
        }
        Path folder = Path.of(run.get("folder").asText());
        assertEquals(dir.resolve("results").resolve(record.id()).toAbsolutePath(), folder);
        assertEquals(List.of("best-model.zip", "checkpoint.zip", "tags.txt", "test-labels.npy", "test-scores.npy",
                "test-tracks.txt", "valid-labels.npy", "valid-scores.npy", "valid-tracks.txt"),
                paths(run.get("artifacts")));
        for (JsonNode artifact : run.get("artifacts")) {
            Path file = folder.resolve(artifact.get("path").asText());
            assertEquals(Files.size(file), artifact.get("bytes").asLong(), file.toString());
            assertEquals(sha256(file), artifact.get("sha256").asText(), file.toString());
        }
        assertMetricsOfScoreFileAreStored(run, folder);

        String fingerprint = DatasetFingerprint.bySizeAndTime(DatasetIndex.open(experiment.data(),
                experiment.features()).index()).dataset();
        assertEquals(fingerprint, run.get("dataset_fingerprint").asText());
        assertEquals(fingerprint, record.provenance().datasetFingerprint().dataset());
        assertEquals(1, runs.list(new RunFilter(null, null, List.of("dataset_fingerprint=" + fingerprint))).size());
        assertEquals(0, runs.list(new RunFilter(null, null, List.of("dataset_fingerprint=" + "0".repeat(64))))
                .size());

        assertEquals(1, runs.list(new RunFilter("stored", "finished", List.of("model.params=5000",
                "training.optimizer.lr=1e-3", "arch=k2c2", "seed=42"))).size());
        assertEquals(0, runs.list(new RunFilter(null, null, List.of("training.optimizer.lr=0.002"))).size());
        assertEquals(0, runs.list(new RunFilter(null, "running", List.of())).size());

        ResultsStore other = ResultsStore.open(store(database, "other.db"));
        RunImport importer = new RunImport(other);
        RunImport.Outcome first = importer.importAll(List.of(folder, dir)).get(0);
        RunImport.Outcome second = importer.importAll(List.of(folder)).get(0);
        assertTrue(first.added());
        assertFalse(second.added());
        assertEquals(first.id(), second.id());
        List<RunSummary> imported = new StoredRuns(other).list(RunFilter.all());
        assertEquals(1, imported.size());
        ObjectNode copy = new StoredRuns(other).show(imported.get(0).id()).orElseThrow();
        assertEquals("imported", first.note());
        for (String same : List.of("uid", "experiment_key", "config", "epochs", "tag_metrics", "artifacts", "params",
                "best_epoch", "test_roc_auc", "test_pr_auc", "status", "started_ms", "dataset_fingerprint")) {
            assertEquals(run.get(same), copy.get(same), same);
        }
    }

    @Test
    void anImportNamesTheFilesThatChangedOrWentSinceTheRun() throws Exception {
        Path config = TinyRun.config(dir, "changed", 24, 3, "training: {batch_size: 4, max_epochs: 1}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false}");
        RunRecord record = new Experiment(ConfigLoader.load(config, List.of()), TinyRun.quiet()).run();
        Path folder = dir.resolve("results").resolve(record.id());
        Files.delete(folder.resolve("checkpoint.zip"));
        Files.writeString(folder.resolve("test-tracks.txt"), "edited\n");

        ResultsStore other = ResultsStore.open("jdbc:sqlite:" + dir.resolve("other.db"));
        RunImport.Outcome outcome = new RunImport(other).importAll(List.of(folder)).get(0);

        assertTrue(outcome.added());
        assertEquals("imported; test-tracks.txt changed since run.json; checkpoint.zip is missing", outcome.note());
        JsonNode artifacts = new StoredRuns(other).show(outcome.id().orElseThrow()).orElseThrow().get("artifacts");
        assertEquals(List.of("best-model.zip", "tags.txt", "test-labels.npy", "test-scores.npy", "test-tracks.txt",
                "valid-labels.npy", "valid-scores.npy", "valid-tracks.txt"), paths(artifacts));
        for (JsonNode artifact : artifacts) {
            Path file = folder.resolve(artifact.get("path").asText());
            assertEquals(Files.size(file), artifact.get("bytes").asLong(), file.toString());
            assertEquals(sha256(file), artifact.get("sha256").asText(), file.toString());
        }
    }

    /**
     * {@code tagbench metrics} on the test scores, labels and tag names that the store registers for the run gives
     * every per-tag value of its {@code tag_metrics} rows and its macro means, to the last bit.
     */
    private static void assertMetricsOfScoreFileAreStored(JsonNode run, Path folder) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TagbenchCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("metrics", registered(run, folder, "test-scores"), registered(run, folder, "test-labels"),
                        "--tags", registered(run, folder, "tags"), "--json");
        assertEquals(0, code, err.toString());
        JsonNode printed = new ObjectMapper().readTree(out.toString());
        JsonNode stored = run.get("tag_metrics");
        assertEquals(stored.size(), printed.get("tags").size());
        for (int j = 0; j < stored.size(); j++) {
            JsonNode row = stored.get(j);
            assertEquals("test", row.get("split").asText());
            assertEquals(j, row.get("position").asInt());
            assertEquals(row.get("tag").asText(), printed.get("tags").get(j).asText());
            for (String metric : List.of("roc_auc", "pr_auc")) {
                JsonNode value = printed.get(metric).get("per_tag").get(j);
                if (row.get(metric).isNull()) {
                    assertTrue(value.isNull(), row + " " + metric + ": " + value);
                } else {
                    assertEquals(row.get(metric).asDouble(), value.asDouble(), row + " " + metric);
                }
            }
        }
        assertEquals(run.get("test_roc_auc").asDouble(), printed.get("roc_auc").get("macro").asDouble());
        assertEquals(run.get("test_pr_auc").asDouble(), printed.get("pr_auc").get("macro").asDouble());
        assertEquals(run.get("test_tracks").asInt(), printed.get("tracks").asInt());
    }

    /** The file the store registers as {@code kind} for the run, checked to be there. */
    private static String registered(JsonNode run, Path folder, String kind) {
        for (JsonNode artifact : run.get("artifacts")) {
            if (artifact.get("kind").asText().equals(kind)) {
                Path file = folder.resolve(artifact.get("path").asText());
                assertTrue(Files.isRegularFile(file), file.toString());
                return file.toString();
            }
        }
        throw new AssertionError("no " + kind + " among " + run.get("artifacts"));
    }

    private static List<String> paths(JsonNode artifacts) {
        List<String> paths = new ArrayList<>();
        artifacts.forEach(a -> paths.add(a.get("path").asText()));
        return paths;
    }

    /** A new store's URL on {@code database}: an SQLite file {@code name} in the test folder, or a new database. */
    private String store(String database, String name) throws Exception {
        return database.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve(name) : POSTGRES.newStore();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
