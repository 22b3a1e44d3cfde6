package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;

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
    void melReportsTheCpuPathOnOneAndAllThreadsAndEachEnginesDevicePath() {
        String[] lines = linesOf("bench", "mel", "--clips", "4", "--seconds", "0.5", "--batch", "2", "--engine",
                "pytorch,dl4j");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("CPU path, 1 thread"), lines[0]);
        assertTrue(lines[2].startsWith("device path (libtorch cpu()), batch 2"), lines[2]);
        assertTrue(lines[3].startsWith("device path (ND4J), batch 2"), lines[3]);
        for (String line : lines) {
            assertTrue(line.matches(".* \\d+\\.\\d clips/s  \\(4 clips in \\d+\\.\\d\\d s\\)"), line);
        }
    }

    @Test
    void compareOfRecordedRunsTimesTheWholeReport() {
        String[] lines = linesOf("bench", "compare", "--runs", "5", "--tracks", "300", "--tags", "4", "--repeats", "1");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("recorded 5 runs of 300 tracks x 4 tags in \\d+\\.\\d s \\(untimed\\)"),
                lines[0]);
        assertTrue(lines[1].matches("compare of 5 runs, 300 tracks x 4 tags, 1,000 resamples, run 1: \\d+\\.\\d s"
                + " \\(the store's rows \\d+\\.\\d\\d s, score files, statistics and report \\d+\\.\\d s\\),"
                + " \\d+\\.\\d CPU s on \\d+ cores"), lines[1]);
    }

    @Test
    void decodeReportsOneAndAllThreads() throws Exception {
        Path mp3 = Path.of(BenchCommandTest.class.getResource("/audio/sine440.mp3").toURI());
        String[] lines = linesOf("bench", "decode", mp3.toString(), mp3.toString());
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("decode \\+ resample, 1 thread +\\d+\\.\\d clips/s  \\(2 clips in .*"), lines[0]);
    }

    @Test
    void pipelineReportsFilesCacheAndTrainingStepsOnTheDefaultEngine() throws Exception {
        Path mp3 = Path.of(BenchCommandTest.class.getResource("/audio/sine440.mp3").toURI());
        String[] lines = linesOf("bench", "pipeline", mp3.toString(), mp3.toString(), mp3.toString(),
                "--chunk-seconds", "0.25", "--batch", "2", "--params", "20k", "--steps", "1", "--workers", "2");
        assertEquals(3 + Architecture.values().length, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("pipeline from files (decode each epoch), 0.25 s crops, 2 workers"), lines[0]);
        assertTrue(lines[1].startsWith("PCM cache build (first epoch)"), lines[1]);
        assertTrue(lines[2].startsWith("pipeline from PCM cache"), lines[2]);
        for (Architecture arch : Architecture.values()) {
            String line = lines[3 + arch.ordinal()];
            assertTrue(line.startsWith("training step " + arch.configName() + " "), line);
            assertTrue(line.matches(".* \\d+\\.\\d clips/s  \\(2 clips in .*"), line);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].matches(".* \\d+\\.\\d clips/s  \\(3 clips in .*"), lines[i]);
        }
    }

    @Test
    void stepAsJsonReportsTheNetworkTheOptionsName() throws Exception {
        CommandRun run = CommandRun.of("bench", "step", "--engine", "dl4j", "--arch", "crnn", "--params", "20k",
                "--input", "16x40", "--tags", "5", "--batch", "2", "--steps", "3", "--warmup", "1", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        ModelSpec spec = WidthSolver.solve(Architecture.CRNN, 20_000, 16, 40, 5);
        assertEquals("dl4j", json.get("engine").asText());
        assertEquals("crnn", json.get("arch").asText());
        assertEquals("[16,40]", json.get("input").toString());
        assertEquals(spec.widths().toString().replace(" ", ""), json.get("widths").toString());
        assertEquals(spec.trainableParams(), json.get("params").asLong());
        assertEquals(2, json.get("batch").asInt());
        assertEquals(1, json.get("warmup").asInt());
        assertEquals(3, json.get("step_seconds").size());
        // The figures themselves are StepReportTest's and StepBenchmarkTest's.
    }

    @Test
    void stepAsTextNamesTheNetworkAndTheMedian() {
        CommandRun run = CommandRun.of("bench", "step", "--arch", "k1c2", "--widths", "2,2,3,3,4,4", "--input",
                "8x32", "--tags", "3", "--batch", "2", "--steps", "1", "--warmup", "0");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\\R");
        long params = Architecture.K1C2.spec(8, 32, 3, new int[] {2, 2, 3, 3, 4, 4}).trainableParams();
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith(String.format("k1c2 %,d params, input 8 x 32, 3 tags, batch 2, pytorch: ", params)),
                lines[0]);
        assertTrue(lines[1].matches("training step: median \\d+\\.\\d{3} s, mean \\d+\\.\\d{3} s \\(1 steps after 0 warm-up\\)"),
                lines[1]);
        assertTrue(lines[2].matches("peak RSS \\d+\\.\\d\\d GB"), lines[2]);
    }

    @Test
    void stepErrorsAreOneLine() {
        // The pools adapt to any input of at least 1 x 1 (docs/architectures.md), so only an empty one is refused.
        CommandRun empty = CommandRun.of("bench", "step", "--arch", "k2c2", "--params", "100k", "--input", "96x0");
        assertEquals(2, empty.code());
        assertEquals("config error: --input: 96x0 is not an input size (expected MELSxFRAMES, e.g. 96x1366)",
                empty.err().strip());
        CommandRun arch = CommandRun.of("bench", "step", "--arch", "k3c3", "--params", "100k");
        assertEquals(2, arch.code());
        assertEquals("config error: --arch: k3c3 is not an architecture (known: k1c2 (conv1d), k2c1, k2c2 (conv2d), "
                + "crnn, fcn, shortchunk (short-chunk-cnn), shortchunk-res (shortchunk-resnet), samplecnn, bilstm-attn, musicnn)", arch.err().strip());
        CommandRun engine = CommandRun.of("bench", "step", "--engine", "tf", "--arch", "k2c2", "--params", "100k");
        assertEquals(2, engine.code());
        assertEquals("config error: --engine: tf is not an engine (expected dl4j or pytorch)", engine.err().strip());
        CommandRun steps = CommandRun.of("bench", "step", "--arch", "k2c2", "--params", "100k", "--steps", "0");
        assertEquals(2, steps.code());
        assertEquals("config error: --steps: 0 is too small (expected 1 or more)", steps.err().strip());
    }

    @Test
    void otherBenchErrorsAreOneLineToo() throws Exception {
        Path mp3 = Path.of(BenchCommandTest.class.getResource("/audio/sine440.mp3").toURI());
        assertOneLine(2, "config error: --engine: tf is not an engine (expected dl4j or pytorch)",
                "bench", "pipeline", mp3.toString(), "--engine", "tf");
        assertOneLine(2, "config error: --chunk-seconds: 0.0 is not a length (expected seconds > 0)",
                "bench", "pipeline", mp3.toString(), "--chunk-seconds", "0");
        assertOneLine(2, "config error: --engine: tf is not an engine (expected dl4j or pytorch)",
                "bench", "mel", "--engine", "pytorch,tf", "--clips", "1");
        assertOneLine(2, "config error: --batch: 0 is too small (expected 1 or more)", "bench", "mel", "--batch", "0");
        assertOneLine(2, "config error: --tracks: 0 is too small (expected 1 or more)",
                "bench", "metrics", "--tracks", "0");
        assertOneLine(2, "config error: --sr: 0 is too small (expected 1 or more)", "bench", "decode", mp3.toString(),
                "--sr", "0");
    }

    @Test
    void decodeOfAnUnreadableFileEndsWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path mp3 = Path.of(BenchCommandTest.class.getResource("/audio/sine440.mp3").toURI());
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        assertOneLine(2, text + ": not a readable audio file (Invalid data found when processing input)",
                "bench", "decode", mp3.toString(), text.toString());
        Path missing = dir.resolve("missing.mp3");
        assertOneLine(2, missing + ": file not found", "bench", "decode", missing.toString());
    }

    private static void assertOneLine(int code, String line, String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(code, run.code(), run.err());
        assertEquals(line, run.err().strip());
    }

    @Test
    void metricsReportsEachRepeat() {
        String[] lines = linesOf("bench", "metrics", "--tracks", "300", "--tags", "5", "--repeats", "2");
        assertEquals(2, lines.length);
        assertTrue(lines[1].matches("metrics for 300 tracks x 5 tags \\(per tag, macro, micro\\), run 2: \\d+\\.\\d{3} s"),
                lines[1]);
    }

    @Test
    void storeReportsEachRepeatWithTheBytesOfTheScoreFiles(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bench.yaml"), "data: {dataset: synthetic}\nmodel: {arch: k2c2, params: 100k}\n");
        String[] lines = linesOf("bench", "store", config.toString(), "--tracks", "200", "--tags", "5", "--repeats",
                "2");
        // tags.txt 5 x "tagJ\n"; scores 128-byte .npy header + 200 x 5 float64; labels header + 1,000 bools;
        // track ids 200 x "TR00000000\n".
        long bytes = 5 * 5 + (128 + 200 * 5 * 8) + (128 + 200 * 5) + 200 * 11;
        assertEquals(2, lines.length, String.join("\n", lines));
        for (int r = 1; r <= 2; r++) {
            assertTrue(lines[r - 1].matches("score files of 200 tracks x 5 tags \\(" + String.format(Locale.ROOT, "%,d", bytes)
                    + " bytes in 4 files\\), run " + r + ": written with SHA-256 \\d+\\.\\d{3} s, registered in the"
                    + " store \\d+\\.\\d{3} s, total \\d+\\.\\d{3} s"), lines[r - 1]);
        }
    }

    @Test
    void predictReportsTracksPerSecondPerArchitectureAndPeakMemory() {
        String[] lines = linesOf("bench", "predict", "--arch", "k2c2,k2c1", "--params", "20k", "--tracks", "10",
                "--chunk-seconds", "1", "--chunks", "2");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("predict k2c2 20,000 params, pytorch run, 2 x 1\\.00 s chunk +\\d+\\.\\d clips/s"
                + "  \\(10 clips in \\d+\\.\\d\\d s\\)"), lines[0]);
        assertTrue(lines[1].startsWith("predict k2c1 20,000 params"), lines[1]);
        assertTrue(lines[2].matches("peak resident memory \\d+ MB over 10 tracks x 2 architectures"), lines[2]);
    }

    @ParameterizedTest
    @CsvSource({"k2c2, 2", "samplecnn, 1"})
    void predictTimesTheModelOnOnnxRuntime(String arch, int chunks) {
        // samplecnn eats 1 x samples at its 16 kHz default: the benchmark must solve it as a run does, not as a mel.
        String[] lines = linesOf("bench", "predict", "--arch", arch, "--params", "20k", "--tracks", "10",
                "--chunk-seconds", "1", "--chunks", Integer.toString(chunks), "--model-format", "onnx");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("predict " + arch + " 20,000 params, model\\.onnx on onnxruntime, " + chunks
                + " x 1\\.00 s chunk +\\d+\\.\\d clips/s  \\(10 clips in \\d+\\.\\d\\d s\\)"), lines[0]);
    }
}
