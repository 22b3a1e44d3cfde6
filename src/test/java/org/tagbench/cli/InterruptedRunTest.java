package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.ChildJvm;
import org.tagbench.config.EngineName;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.results.RunRecordFile;

/**
 * {@code tagbench run} in a child JVM: it names its run folder at the start, prints its epoch lines on standard
 * output (standard error has the progress bars), and when stopped by SIGTERM after its first epoch it prints the
 * {@code run --resume} command on standard error, which then finishes the run.
 */
class InterruptedRunTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The JVM's exit code after SIGTERM: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void aTerminatedRunPrintsTheCommandThatResumesIt(EngineName engine, @TempDir Path dir) throws Exception {
        SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(40, 1.0, 8000, 2));
        Path config = Files.writeString(dir.resolve("stopped.yaml"), String.join("\n",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 40, clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: 2}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 5k}",
                "training: {engine: " + engine.configName() + ", batch_size: 4, max_epochs: 2, checkpoint_steps: 1}",
                "eval: {chunks: 1}",
                "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("results") + "}"));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(ChildJvm.command(TagbenchCommand.class, "run", config.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        Path folder = terminateAfterEpochOne(child, out, err);

        assertEquals(SIGTERM_EXIT, child.waitFor());
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            // Beside the run folders, results.dir holds the store (tagbench.db and SQLite's files): folders only.
            assertEquals(List.of(folder), runs.filter(Files::isDirectory).toList(),
                    "the folder named at the start is the run's");
        }
        assertFalse(Files.exists(folder.resolve("run.json")), "the child was stopped before it finished");
        List<String> printed = Files.readAllLines(out);
        assertTrue(printed.stream().anyMatch(line -> line.startsWith("epoch 1: train loss ")), printed.toString());
        String errors = Files.readString(err);
        assertFalse(errors.contains("epoch 1: train loss"), errors);
        List<String> hint = errors.lines().filter(line -> line.startsWith("interrupted")).toList();
        assertEquals(List.of("interrupted; continue with: tagbench run --resume " + folder), hint, errors);

        String[] command = hint.get(0).substring(hint.get(0).indexOf("run --resume")).split(" ");
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(resumed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, TagbenchCommand.commandLine().execute(command));
        } finally {
            System.setOut(stdout);
        }
        assertTrue(resumed.toString(StandardCharsets.UTF_8).contains("resuming " + folder + " at epoch "),
                resumed.toString(StandardCharsets.UTF_8));
        assertEquals(2, RunRecordFile.read(folder.resolve("run.json")).training().epochs().size());
    }

    @Test
    void foldersThatAreNotPlainShellWordsAreQuoted() {
        assertEquals("results/20260101-000000-quickstart-1a2b3c", ResumeHint.shellWord(
                "results/20260101-000000-quickstart-1a2b3c"));
        assertEquals("'my results/run 1'", ResumeHint.shellWord("my results/run 1"));
        assertEquals("'it'\\''s/run'", ResumeHint.shellWord("it's/run"));
    }

    /**
     * Waits until the child has printed its first epoch line, sends it SIGTERM and returns the run folder it named
     * at the start.
     */
    private static Path terminateAfterEpochOne(Process child, Path out, Path err) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<String> printed = Files.readAllLines(out);
            if (printed.stream().anyMatch(line -> line.startsWith("epoch 1: "))) {
                child.destroy();
                return Path.of(printed.get(1).substring("run folder ".length()));
            }
            assertTrue(child.isAlive(), "the child run ended before it could be stopped: " + printed + "\n"
                    + Files.readString(err));
            Thread.sleep(20);
        }
        child.destroyForcibly();
        throw new AssertionError("no epoch line within " + PATIENCE);
    }
}
