package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tagbench.model.Architecture;

/** The bench commands run and report one throughput line per measurement (the figures go to docs, not tests). */
class BenchCommandTest {

    private static String[] linesOf(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, TagbenchCommand.commandLine().execute(args));
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8).strip().split("\\R");
    }

    @Test
    void melReportsTheCpuPathOnOneAndAllThreadsAndTheDevicePath() {
        String[] lines = linesOf("bench", "mel", "--clips", "4", "--seconds", "0.5", "--batch", "2");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("CPU path, 1 thread"), lines[0]);
        assertTrue(lines[2].startsWith("device path (ND4J), batch 2"), lines[2]);
        for (String line : lines) {
            assertTrue(line.matches(".* \\d+\\.\\d clips/s  \\(4 clips in \\d+\\.\\d\\d s\\)"), line);
        }
    }

    @Test
    void decodeReportsOneAndAllThreads() throws Exception {
        Path mp3 = Path.of(BenchCommandTest.class.getResource("/audio/sine440.mp3").toURI());
        String[] lines = linesOf("bench", "decode", mp3.toString(), mp3.toString());
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("decode \\+ resample, 1 thread +\\d+\\.\\d clips/s  \\(2 clips in .*"), lines[0]);
    }

    @Test
    void pipelineReportsFilesCacheAndTrainingSteps() throws Exception {
        Path mp3 = Path.of(BenchCommandTest.class.getResource("/audio/sine440.mp3").toURI());
        // SameDiff (the CRNN's GRU) prints "Added differentiated op ..." to standard output; no setting silences it.
        String[] lines = Arrays.stream(linesOf("bench", "pipeline", mp3.toString(), mp3.toString(), mp3.toString(),
                        "--chunk-seconds", "0.25", "--batch", "2", "--params", "20k", "--steps", "1", "--workers", "2"))
                .filter(line -> !line.startsWith("Added differentiated op "))
                .toArray(String[]::new);
        assertEquals(3 + Architecture.values().length, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("pipeline from files (decode each epoch), 0.25 s crops, 2 workers"), lines[0]);
        assertTrue(lines[1].startsWith("PCM cache build (first epoch)"), lines[1]);
        assertTrue(lines[2].startsWith("pipeline from PCM cache"), lines[2]);
        for (Architecture arch : Architecture.values()) {
            String line = lines[3 + arch.ordinal()];
            assertTrue(line.startsWith("training step " + arch.configName() + " "), line);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].matches(".* \\d+\\.\\d clips/s  \\(3 clips in .*"), lines[i]);
        }
    }

    @Test
    void metricsReportsEachRepeat() {
        String[] lines = linesOf("bench", "metrics", "--tracks", "300", "--tags", "5", "--repeats", "2");
        assertEquals(2, lines.length);
        assertTrue(lines[1].matches("metrics for 300 tracks x 5 tags \\(per tag, macro, micro\\), run 2: \\d+\\.\\d{3} s"),
                lines[1]);
    }
}
