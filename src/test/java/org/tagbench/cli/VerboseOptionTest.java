package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log on standard error (logback.xml): tagbench's notes as bare lines and no debug lines by default;
 * {@code --verbose}, before or after the subcommand, adds tagbench's debug lines, marked as such.
 */
class VerboseOptionTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private PrintStream stderr;
    private Path config;

    @BeforeEach
    void captureStandardError() throws Exception {
        stderr = System.err;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        config = Files.writeString(dir.resolve("tiny.yaml"), String.join("\n",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 12, clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: 1}",
                "features: {sample_rate: 8000}",
                "model: {arch: k2c2}"));
    }

    @AfterEach
    void restore() {
        System.setErr(stderr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("org.tagbench").setLevel(Level.INFO);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }

    @Test
    void debugLinesOnlyWithVerbose() {
        Path folder = dir.resolve("data/v1-12clips-1.0s-8000hz-seed1");
        String reused = "DEBUG SyntheticDataset: reusing synthetic dataset (12 clips) in " + folder;

        CommandRun first = check();
        assertEquals(0, first.code(), first.err());
        List<String> quiet = lines();
        assertTrue(quiet.contains("generating synthetic dataset (12 clips) in " + folder), quiet.toString());
        assertFalse(quiet.stream().anyMatch(line -> line.contains("DEBUG")), quiet.toString());

        logged.reset();
        assertEquals(0, check().code());
        assertFalse(lines().stream().anyMatch(line -> line.contains("DEBUG")), lines().toString());

        logged.reset();
        assertEquals(0, check("--verbose").code());
        assertTrue(lines().contains(reused), lines().toString());
    }

    @Test
    void verboseAfterTheSubcommandWorksToo() {
        assertEquals(0, check().code());
        logged.reset();

        assertEquals(0, CommandRun.of("data", "check", "--verbose", config.toString(), "--out",
                dir.resolve("report").toString()).code());

        assertTrue(lines().stream().anyMatch(line -> line.startsWith("DEBUG SyntheticDataset: reusing")),
                lines().toString());
    }

    /** {@code tagbench [options] data check CONFIG --out DIR}. */
    private CommandRun check(String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("data", "check", config.toString(), "--out", dir.resolve("report").toString()));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private List<String> lines() {
        return logged.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
