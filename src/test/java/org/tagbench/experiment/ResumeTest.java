package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.cli.TagbenchCommand;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.metrics.TagScore;
import org.tagbench.results.RunRecord;
import org.tagbench.train.EpochRecord;

/**
 * A run killed with SIGKILL in the middle of an epoch (a child JVM, destroyed forcibly) and resumed from its
 * checkpoint ends with the epochs and test metrics of the same run left alone (within 1e-6).
 */
class ResumeTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void aRunKilledMidEpochResumesToTheUninterruptedResult(EngineName engine, @TempDir Path dir) throws Exception {
        Path config = TinyRun.config(dir, "resume", 40, 2, "seed: 11",
                "training: {engine: " + engine.configName() + ", batch_size: 4, max_epochs: 3, checkpoint_steps: 1, optimizer: {lr: 0.003},"
                        + " schedule: {name: step, step_epochs: 1, factor: 0.5}}",
                "eval: {chunks: 2}",
                "pipeline: {pcm_cache: false, workers: 2}");
        RunRecord alone = new Experiment(ConfigLoader.load(config, List.of("results.dir=" + dir.resolve("alone"))),
                TinyRun.quiet()).run();

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TagbenchCommand.class.getName(), "run",
                config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path folder = killMidEpoch(child, dir.resolve("results"));
        assertFalse(Files.exists(folder.resolve("run.json")), "the child was killed before it finished");

        RunRecord resumed = Experiment.resume(folder, List.of(), TinyRun.quiet());

        assertEquals(alone.training().bestEpoch(), resumed.training().bestEpoch());
        List<EpochRecord> a = alone.training().epochs();
        List<EpochRecord> b = resumed.training().epochs();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 1e-6, "train loss, epoch " + (i + 1));
            assertEquals(a.get(i).validLoss(), b.get(i).validLoss(), 1e-6, "valid loss, epoch " + (i + 1));
            assertEquals(a.get(i).validRocAuc(), b.get(i).validRocAuc(), 1e-6, "valid ROC-AUC, epoch " + (i + 1));
        }
        assertEquals(alone.test().rocAucMacro(), resumed.test().rocAucMacro(), 1e-6);
        for (int j = 0; j < alone.test().perTag().size(); j++) {
            TagScore x = alone.test().perTag().get(j);
            TagScore y = resumed.test().perTag().get(j);
            assertEquals(x.rocAuc(), y.rocAuc(), 1e-6, x.tag());
        }
        assertTrue(Files.isRegularFile(folder.resolve("run.json")));
    }

    /** Waits until the run's checkpoint is inside epoch 2, kills the child, and returns the run folder. */
    private static Path killMidEpoch(Process child, Path results) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<Path> folder = runFolder(results);
            if (folder.isPresent()) {
                JsonNode state = checkpointState(folder.get().resolve("checkpoint.zip"));
                if (state != null && state.get("epoch").asInt() == 2 && state.get("batches_done").asInt() >= 2) {
                    child.destroyForcibly().waitFor();
                    return folder.get();
                }
            }
            assertTrue(child.isAlive(), "the child run ended before it could be killed mid-epoch");
            Thread.sleep(20);
        }
        child.destroyForcibly();
        throw new AssertionError("no mid-epoch checkpoint within " + PATIENCE);
    }

    private static Optional<Path> runFolder(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(Files::isDirectory).findFirst();
        }
    }

    private static JsonNode checkpointState(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            return null;
        }
        try (ZipFile zip = new ZipFile(checkpoint.toFile());
             InputStream in = zip.getInputStream(zip.getEntry("state.json"))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
