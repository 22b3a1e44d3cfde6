package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.ScoreAssertions.assertScores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.WavWriter;
import org.tagbench.config.ConfigLoader;
import org.tagbench.data.Split;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.RunModel;
import org.tagbench.experiment.TinyRun;
import org.tagbench.files.NpyMatrix;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunRecord;
import org.tagbench.results.ScoreFiles;
import org.tagbench.results.StoredRuns;

/**
 * {@code predict} on a tiny run's own test audio gives the test scores the run stored, on either engine (its chunks
 * cut and averaged as evaluation did), names and skips a file it cannot read, and says when a file is shorter than a
 * chunk; {@code embed}'s vectors, put through the run's own output layer, give those scores again (one chunk per
 * track, so the mean embedding is the chunk's). The run exported as a bundle and a model.onnx gives the same scores
 * and embeddings through predict and embed (bundle 1e-6 on its engine, ONNX Runtime 1e-4); a run id names its run;
 * embed's --layer takes a summary number or a unique name.
 */
class PredictCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "dl4j"})
    void predictGivesTheScoresTheRunStoredForItsTestSplit(String engine) throws IOException {
        Path run = run("eval: {chunks: 3}", "training: {batch_size: 4, max_epochs: 1, engine: " + engine + "}");
        List<String> args = new ArrayList<>(List.of("predict", run.toString()));
        args.addAll(testAudio(run));
        Path unreadable = Files.writeString(dir.resolve("not-audio.wav"), "not audio");
        args.add(unreadable.toString());
        args.addAll(List.of("--csv", dir.resolve("scores.csv").toString(), "--top", "2"));

        CommandRun result = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains(unreadable + ": not a readable audio file"), result.err());
        double[][] stored = NpyMatrix.read(run.resolve(ScoreFiles.scores(Split.TEST)));
        List<String> rows = Files.readAllLines(dir.resolve("scores.csv"));
        assertEquals(Files.readString(run.resolve(ScoreFiles.TAGS)).strip().replace('\n', ','),
                rows.get(0).substring("file,".length()));
        assertEquals(stored.length + 1, rows.size());
        for (int t = 0; t < stored.length; t++) {
            String[] fields = rows.get(t + 1).split(",");
            for (int j = 0; j < stored[t].length; j++) {
                assertEquals(stored[t][j], Double.parseDouble(fields[j + 1]), 1e-6, "track " + t + ", tag " + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "dl4j"})
    void theExportedBundleAndOnnxModelGiveTheRunsScoresAndEmbeddings(String engine) throws IOException {
        Path run = run("eval: {chunks: 2}", "training: {batch_size: 4, max_epochs: 1, engine: " + engine + "}");
        Path export = dir.resolve("models/tiny");
        CommandRun exported = CommandRun.of("export", run.toString(), "--out", export.toString(), "--format", "all",
                "--zip");
        assertEquals(0, exported.code(), exported.err());
        List<String> audio = testAudio(run);
        double[][] stored = NpyMatrix.read(run.resolve(ScoreFiles.scores(Split.TEST)));

        assertScores(stored, predictCsv(export.toString(), audio, "bundle.csv"), 1e-6);
        assertScores(stored, predictCsv(dir.resolve("models/tiny.zip").toString(), audio, "zip.csv"), 1e-6);
        assertScores(stored, predictCsv(export.resolve("model.onnx").toString(), audio, "onnx.csv"), 1e-4);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(dir.resolve("models/tiny.zip").toFile())) {
            assertArrayEquals(Files.readAllBytes(export.resolve("model.onnx")),
                    zip.getInputStream(zip.getEntry("tiny/model.onnx")).readAllBytes(), "the zip's model.onnx");
        }

        double[][] ofRun = embed(run.toString(), audio, "run.npy");
        assertScores(ofRun, embed(export.toString(), audio, "bundle.npy"), 1e-6);
        assertScores(ofRun, embed(export.resolve("model.onnx").toString(), audio, "onnx.npy"), 1e-4);
    }

    @Test
    void aRunIdFromTheStoreNamesItsRun() throws IOException {
        Path run = run("eval: {chunks: 2}");
        String url = "jdbc:sqlite:" + dir.resolve("tagbench.db");
        long id = new StoredRuns(ResultsStore.existing(url)).list(RunFilter.all()).get(0).id();
        List<String> args = new ArrayList<>(List.of("predict", Long.toString(id), "--url", url));
        args.addAll(testAudio(run));
        args.addAll(List.of("--csv", dir.resolve("by-id.csv").toString()));

        CommandRun result = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, result.code(), result.err());
        assertScores(NpyMatrix.read(run.resolve(ScoreFiles.scores(Split.TEST))), csvScores(dir.resolve("by-id.csv")),
                1e-6);
    }

    @Test
    void anOnnxExportHoldsOnlyModelOnnxAndReplacesAnEarlierExport() throws IOException {
        Path run = run("eval: {chunks: 1}");
        Path export = dir.resolve("models/onnx-only");
        assertEquals(0, CommandRun.of("export", run.toString(), "--out", export.toString()).code());

        CommandRun again = CommandRun.of("export", run.toString(), "--out", export.toString(), "--format", "onnx");

        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains(export + " (model.onnx)"), again.out());
        try (Stream<Path> files = Files.list(export)) {
            assertEquals(List.of("model.onnx"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aLayerGoesByItsSummaryNumberOrItsUniqueName() throws IOException {
        Path run = run("eval: {chunks: 1}");
        String audio = testAudio(run).get(0);
        // k2c2's first layer, the only one of its name; its output is 40 mel bands x 32 frames.
        double[][] byName = embed(run.toString(), List.of(audio), "named.npy", "--layer", "bn per time frame");
        double[][] byNumber = embed(run.toString(), List.of(audio), "numbered.npy", "--layer", "1");
        assertEquals(40 * 32, byName[0].length);
        assertScores(byNumber, byName, 0);

        CommandRun shared = CommandRun.of("embed", run.toString(), audio, "--out", dir.resolve("x.npy").toString(),
                "--layer", "conv 3x3 same, bn, elu, maxpool 2x4");
        assertEquals(2, shared.code(), shared.err());
        assertTrue(shared.err().startsWith("config error: --layer: conv 3x3 same, bn, elu, maxpool 2x4 names layers"
                + " [2, 3] of this k2c2 (expected one of those numbers)"), shared.err());
    }

    @Test
    void embedWritesParquetThatAnIndependentReaderReadsAsTheNpy() throws Exception {
        Path run = run("eval: {chunks: 2}");
        List<String> audio = testAudio(run);
        double[][] npy = embed(run.toString(), audio, "vectors.npy");
        Path parquet = dir.resolve("vectors.parquet");
        List<String> args = new ArrayList<>(List.of("embed", run.toString()));
        args.addAll(audio);
        args.addAll(List.of("--out", parquet.toString(), "--parquet"));

        CommandRun result = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, result.code(), result.err());
        JsonNode rows = HyparquetReader.rows(parquet);
        List<String> ids = Files.readAllLines(dir.resolve("vectors.npy.ids.tsv"));
        assertEquals(npy.length, rows.size());
        for (int r = 0; r < npy.length; r++) {
            JsonNode row = rows.get(r);
            assertEquals(ids.get(r + 1).split("\t", 2)[1], row.get("file").asText(), "row " + r);
            JsonNode vector = row.get("embedding");
            assertEquals(npy[r].length, vector.size(), "row " + r);
            for (int c = 0; c < npy[r].length; c++) {
                // The .npy holds float32s, so a float32 read back must be the very same value.
                assertEquals((float) npy[r][c], (float) vector.get(c).asDouble(), 0f, "row " + r + ", column " + c);
            }
        }

        args.add("--csv");
        CommandRun both = CommandRun.of(args.toArray(String[]::new));
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("--csv, --parquet are mutually exclusive")
                || both.err().contains("--parquet, --csv are mutually exclusive"), both.err());
    }

    /** {@code predict MODEL AUDIO... --csv FILE}'s scores, a row per file. */
    private double[][] predictCsv(String model, List<String> audio, String csv) throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", model));
        args.addAll(audio);
        args.addAll(List.of("--csv", dir.resolve(csv).toString()));
        CommandRun result = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, result.code(), result.err());
        return csvScores(dir.resolve(csv));
    }

    /** The scores of a {@code predict --csv} file, a row per file (file names without commas). */
    private static double[][] csvScores(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(row -> Arrays.stream(row.split(",")).skip(1)
                .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
    }

    /** {@code embed MODEL AUDIO... --out FILE}'s matrix, a row per file. */
    private double[][] embed(String model, List<String> audio, String npy, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("embed", model));
        args.addAll(audio);
        args.addAll(List.of("--out", dir.resolve(npy).toString()));
        args.addAll(List.of(options));
        CommandRun result = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, result.code(), result.err());
        return NpyMatrix.read(dir.resolve(npy));
    }

    @Test
    void jsonScoresAndTaggramsAverageToTheStoredScores() throws IOException {
        Path run = run("eval: {chunks: 3}");
        List<String> audio = testAudio(run).subList(0, 2);
        List<String> args = new ArrayList<>(List.of("predict", run.toString()));
        args.addAll(audio);
        args.addAll(List.of("--json", dir.resolve("scores.json").toString(), "--taggram",
                dir.resolve("taggram.npy").toString()));

        CommandRun result = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, result.code(), result.err());
        double[][] stored = NpyMatrix.read(run.resolve(ScoreFiles.scores(Split.TEST)));
        List<String> tags = Files.readAllLines(run.resolve(ScoreFiles.TAGS));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("scores.json").toFile());
        assertEquals(2, json.size());
        for (int t = 0; t < 2; t++) {
            assertEquals(audio.get(t), json.get(t).get("file").asText());
            double[][] taggram = NpyMatrix.read(dir.resolve("taggram-" + (t + 1) + ".npy"));
            assertEquals(tags.size(), taggram.length);
            assertTrue(Files.size(dir.resolve("taggram-" + (t + 1) + ".png")) > 0);
            for (int j = 0; j < tags.size(); j++) {
                assertEquals(stored[t][j], json.get(t).get("scores").get(tags.get(j)).asDouble(), 1e-6);
                assertEquals(3, taggram[j].length);
                assertEquals(stored[t][j], Arrays.stream(taggram[j]).sum() / 3, 1e-6, "taggram " + t + ", tag " + j);
            }
        }
    }

    @Test
    void embeddingsThroughTheOutputLayerGiveTheStoredScores() throws IOException {
        Path run = run("eval: {chunks: 1}");
        List<String> args = new ArrayList<>(List.of("embed", run.toString()));
        args.addAll(testAudio(run));
        Path out = dir.resolve("emb.npy");
        args.addAll(List.of("--out", out.toString()));

        CommandRun result = CommandRun.of(args.toArray(String[]::new));

        assertEquals(0, result.code(), result.err());
        double[][] embeddings = NpyMatrix.read(out);
        double[][] stored = NpyMatrix.read(run.resolve(ScoreFiles.scores(Split.TEST)));
        List<String> ids = Files.readAllLines(dir.resolve("emb.npy.ids.tsv"));
        assertEquals(stored.length + 1, ids.size());
        assertEquals(stored.length, embeddings.length);
        RunModel model = Experiment.bestModel(run, "MODEL");
        int output = model.network().spec().layers().size() - 1;
        WeightArray weight = model.network().weights().get(WeightLayout.prefix(output) + "linear.weight");
        WeightArray bias = model.network().weights().get(WeightLayout.prefix(output) + "linear.bias");
        model.network().close();
        int dims = weight.shape()[1];
        assertEquals(dims, embeddings[0].length);
        float[] weights = weight.values();
        float[] biases = bias.values();
        for (int t = 0; t < stored.length; t++) {
            for (int j = 0; j < stored[t].length; j++) {
                double logit = biases[j];
                for (int k = 0; k < dims; k++) {
                    logit += weights[j * dims + k] * embeddings[t][k];
                }
                assertEquals(stored[t][j], 1 / (1 + Math.exp(-logit)), 1e-5, "track " + t + ", tag " + j);
            }
        }
    }

    @Test
    void aFileShorterThanAChunkIsPaddedAndSaidSo() throws Exception {
        Path run = run("eval: {chunks: 1}");
        Path clip = Path.of(testAudio(run).get(0));
        Path tiny = dir.resolve("short.wav");
        // 0.25 s of the clip, at 8 kHz: a chunk is 0.5 s.
        float[] quarter = Arrays.copyOf(new AudioDecoder(8000).decode(clip), 2000);
        try (OutputStream out = Files.newOutputStream(tiny)) {
            WavWriter.write(out, quarter, 8000);
        }
        CommandRun result = CommandRun.of("predict", run.toString(), tiny.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains(tiny + ": 0.250 s is shorter than one chunk (0.500 s): padded with silence"),
                result.err());
    }

    /** A finished tiny run with {@code eval}, its folder. */
    private Path run(String eval) throws IOException {
        return run(eval, "training: {batch_size: 4, max_epochs: 1}");
    }

    /** A finished tiny run with {@code eval} and {@code training}, its folder. */
    private Path run(String eval, String training) throws IOException {
        Path config = TinyRun.config(dir, "tiny", 24, 3, training, eval,
                "pipeline: {pcm_cache: false}", "results: {dir: " + dir.resolve("results") + ", url: 'jdbc:sqlite:"
                        + dir.resolve("tagbench.db") + "'}");
        RunRecord record = new Experiment(ConfigLoader.load(config, List.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        return dir.resolve("results").resolve(record.id());
    }

    /** The run's test audio files, in the order of its test score rows. */
    private List<String> testAudio(Path run) throws IOException {
        Path data = Files.list(dir.resolve("data")).filter(Files::isDirectory).findFirst().orElseThrow();
        return Files.readAllLines(run.resolve(ScoreFiles.tracks(Split.TEST))).stream()
                .map(id -> data.resolve(id + ".wav").toString()).toList();
    }
}
