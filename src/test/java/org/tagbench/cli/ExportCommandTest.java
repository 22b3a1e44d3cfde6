package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.TinyRun;
import org.tagbench.export.ModelBundle;
import org.tagbench.files.FileDigest;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.StoredRuns;

/**
 * {@code tagbench export}: a run named by its id in the store or by its folder becomes a bundle (and a zip) that
 * reads back whole; exporting again replaces the earlier bundle with the same bytes; an --out that cannot be written
 * is one line and leaves nothing behind, and so is a run without a best model.
 */
class ExportCommandTest {
    @TempDir
    static Path dir;

    private static String url;
    private static Path folder;
    private static long id;

    @BeforeAll
    static void run() throws IOException {
        url = "jdbc:sqlite:" + dir.resolve("store.db");
        Path config = TinyRun.config(dir, "exported", 24, 3, "training: {batch_size: 4, max_epochs: 1}",
                "eval: {chunks: 2}", "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("results") + ", url: '" + url + "'}");
        ExperimentConfig experiment = ConfigLoader.load(config, List.of());
        String runId = new Experiment(experiment, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run().id();
        folder = experiment.results().dir().resolve(runId);
        id = new StoredRuns(ResultsStore.existing(url)).list(RunFilter.all()).get(0).id();
    }

    @Test
    void aRunIdBecomesABundleAndAZip() throws IOException {
        Path out = dir.resolve("models/by-id");

        CommandRun export = CommandRun.of("export", Long.toString(id), "--out", out.toString(), "--zip", "--url",
                url);

        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().matches("exported " + Pattern.quote(folder.toString()) + " \\(k2c2,"
                + " [0-9,]+ trainable parameters, 12 tags, trained on pytorch\\) in [0-9.]+ s: .*by-id \\(bundle\\)"
                + " and .*by-id\\.zip\\n"), export.out());
        ModelBundle bundle = ModelBundle.read(out);
        assertEquals(12, bundle.tags().size());
        assertTrue(Files.isRegularFile(dir.resolve("models/by-id.zip")));
    }

    @Test
    void exportingAgainReplacesTheEarlierBundleWithTheSameBytes() throws IOException {
        Path out = dir.resolve("models/again");
        assertEquals(0, CommandRun.of("export", folder.toString(), "--out", out.toString()).code());
        String first = FileDigest.sha256(out.resolve("weights.npz"));
        String model = Files.readString(out.resolve("model.json"));

        CommandRun again = CommandRun.of("export", folder.toString(), "--out", out.toString());

        assertEquals(0, again.code(), again.err());
        assertEquals(first, FileDigest.sha256(out.resolve("weights.npz")));
        assertEquals(model, Files.readString(out.resolve("model.json")));
    }

    @Test
    void anOutThatCannotBeWrittenIsOneLineAndLeavesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path out = file.resolve("model");

        CommandRun export = CommandRun.of("export", folder.toString(), "--out", out.toString());

        assertEquals(1, export.code(), export.err());
        assertEquals(1, export.err().lines().count(), export.err());
        assertTrue(export.err().startsWith("tagbench: cannot use a file: " + file), export.err());
        assertEquals("not a folder", Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temp folder is left");
        }
    }

    @Test
    void aRunWithoutABestModelIsOneLineAndWritesNothing() throws IOException {
        Path unfinished = Files.createDirectories(dir.resolve("unfinished"));
        Files.copy(folder.resolve("config.json"), unfinished.resolve("config.json"));
        Path out = dir.resolve("nothing/model");

        CommandRun export = CommandRun.of("export", unfinished.toString(), "--out", out.toString());

        assertEquals(2, export.code(), export.err());
        assertEquals("config error: RUN: " + unfinished + " has no best-model.zip (no epoch of it finished, so there"
                + " is no model to export)\n", export.err());
        assertFalse(Files.exists(dir.resolve("nothing")));
    }

    @Test
    void randomExportsTheArchitecturesUntrainedWeights() throws IOException {
        Path out = dir.resolve("models/random");

        CommandRun export = CommandRun.of("export", folder.toString(), "--random", "--out", out.toString());

        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("12 tags, random initial weights of pytorch)"), export.out());
        ModelBundle random = ModelBundle.read(out);
        ModelBundle trained = ModelBundle.fromRun(folder);
        assertFalse(random.trained());
        assertTrue(trained.trained());
        assertTrue(Files.readString(out.resolve("model.json")).contains("\"trained\" : false"));
        assertTrue(Files.readString(out.resolve("MODEL_CARD.md")).contains("**Untrained**"));
        random.weights().arrays().forEach((name, array) -> {
            float[] values = array.values();
            if (name.endsWith("running_mean") || name.endsWith("running_var")) {
                // No batch has passed: batch norm's statistics are still their initial 0 and 1.
                float expected = name.endsWith("running_mean") ? 0 : 1;
                for (float v : values) {
                    assertEquals(expected, v, name);
                }
            } else if (name.endsWith("weight")) {
                assertFalse(java.util.Arrays.equals(values, trained.weights().get(name).values()), name);
            }
        });
    }

}
