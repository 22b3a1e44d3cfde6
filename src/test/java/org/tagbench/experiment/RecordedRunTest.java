package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.metrics.TagScore;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunImport;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunSummary;
import org.tagbench.results.StoredRuns;
import org.tagbench.train.EpochRecord;

/**
 * A run lands in the results store whole, on a real SQLite file: its row with the config's key, the exact parameter
 * count and provenance, every epoch as the record has it, the per-tag test metrics (undefined tags NULL), artifacts
 * with their SHA-256; a second store imports the folder once however often it is imported; filters select it.
 */
class RecordedRunTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedRunIsInTheStoreAsItsRecordHasIt() throws Exception {
        Path config = TinyRun.config(dir, "stored", 40, 2, "training: {batch_size: 4, max_epochs: 2}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false}");
        ExperimentConfig experiment = ConfigLoader.load(config, List.of());
        RunRecord record = new Experiment(experiment, TinyRun.quiet()).run();

        ResultsStore store = ResultsStore.existing("jdbc:sqlite:" + dir.resolve("results/tagbench.db"));
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
        Path folder = dir.resolve("results").resolve(record.id());
        for (JsonNode artifact : run.get("artifacts")) {
            Path file = folder.resolve(artifact.get("path").asText());
            assertEquals(Files.size(file), artifact.get("bytes").asLong());
            assertEquals(sha256(file), artifact.get("sha256").asText());
        }
        assertEquals(2, run.get("artifacts").size());

        assertEquals(1, runs.list(new RunFilter("stored", "finished", List.of("model.params=5000",
                "training.optimizer.lr=1e-3", "arch=k2c2", "seed=42"))).size());
        assertEquals(0, runs.list(new RunFilter(null, null, List.of("training.optimizer.lr=0.002"))).size());
        assertEquals(0, runs.list(new RunFilter(null, "running", List.of())).size());

        ResultsStore other = ResultsStore.open("jdbc:sqlite:" + dir.resolve("other.db"));
        RunImport importer = new RunImport(other);
        RunImport.Outcome first = importer.importAll(List.of(folder, dir)).get(0);
        RunImport.Outcome second = importer.importAll(List.of(folder)).get(0);
        assertTrue(first.added());
        assertFalse(second.added());
        assertEquals(first.id(), second.id());
        List<RunSummary> imported = new StoredRuns(other).list(RunFilter.all());
        assertEquals(1, imported.size());
        ObjectNode copy = new StoredRuns(other).show(imported.get(0).id()).orElseThrow();
        for (String same : List.of("uid", "experiment_key", "config", "epochs", "tag_metrics", "artifacts", "params",
                "best_epoch", "test_roc_auc", "test_pr_auc", "status", "started_ms")) {
            assertEquals(run.get(same), copy.get(same), same);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
