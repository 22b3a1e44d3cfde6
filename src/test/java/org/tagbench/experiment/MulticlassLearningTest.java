package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.data.DatasetException;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.readers.TagTable;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;
import org.tagbench.results.StoredRuns;

/**
 * A multiclass run on the generated set with each clip's tempo (fast or slow, exactly one per clip) as its class,
 * read through a tag table: it must learn on each engine (the same accuracy bound), print its accuracy line last, and
 * record the metrics and the confusion matrix the saved test scores give. Measured with 8 epochs (10 before DL4J
 * joined; the best epoch by validation loss was the eighth on both): test accuracy 0.917 (pytorch) and 0.958 (dl4j);
 * with 6 epochs both gave 0.833, too near the bound.
 */
class MulticlassLearningTest {
    private static final TagVocabulary TEMPOS = new TagVocabulary(List.of("fast", "slow"));

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "dl4j"})
    void tempoAsAClassIsLearnedAndRecorded(String engine, @TempDir Path dir) throws Exception {
        Path table = tempoTable(dir);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunRecord record = new Experiment(ConfigLoader.load(config(dir, table, "multiclass"),
                List.of("training.engine=" + engine)),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");

        ClassMetrics classes = record.testClasses();
        System.out.printf("multiclass tempo, %s: test accuracy %.4f%n", engine, classes.accuracy());
        assertTrue(classes.accuracy() >= 0.8, engine + ": accuracy " + classes.accuracy() + " of two classes:\n"
                + String.join("\n", lines));
        assertTrue(lines[lines.length - 1].matches("test accuracy: [01]\\.\\d{4}  balanced accuracy: [01]\\.\\d{4}"
                + "  macro F1: [01]\\.\\d{4}  classes: 2  tracks: 24"), lines[lines.length - 1]);
        Path folder = dir.resolve("results").resolve(record.id());
        ClassMetrics fromScores = ClassMetrics.of(TEMPOS, NpyMatrix.read(folder.resolve("test-scores.npy")),
                labels(NpyMatrix.read(folder.resolve("test-labels.npy"))));
        assertEquals(fromScores.accuracy(), classes.accuracy(), 1e-12);
        assertEquals(fromScores.macroF1(), classes.macroF1(), 1e-12);
        RunRecord read = RunRecordFile.read(folder.resolve(RunRecordFile.FILE_NAME));
        assertEquals(classes.balancedAccuracy(), read.testClasses().balancedAccuracy(), 1e-12);
        assertTrue(Arrays.deepEquals(classes.confusion(), read.testClasses().confusion()));
        assertEquals(null, read.testRanking());
        // Through the store (version 3's columns) and back.
        StoredRuns runs = new StoredRuns(ResultsStore.existing("jdbc:sqlite:" + dir.resolve("results/tagbench.db")));
        ObjectNode run = runs.show(runs.list(RunFilter.all()).get(0).id()).orElseThrow();
        assertEquals(classes.accuracy(), run.get("test_accuracy").asDouble(), 0);
        assertEquals(classes.balancedAccuracy(), run.get("test_balanced_accuracy").asDouble(), 0);
        assertEquals(classes.macroF1(), run.get("test_macro_f1").asDouble(), 0);
        ClassMetrics stored = new ObjectMapper().treeToValue(run.get("test_classes"), ClassMetrics.class);
        assertTrue(Arrays.deepEquals(classes.confusion(), stored.confusion()));
        assertEquals(classes.classes(), stored.classes());
        assertTrue(run.get("test_lrap").isNull());
        List<String> csv = Files.readAllLines(folder.resolve("confusion-matrix.csv"));
        assertEquals(3, csv.size(), String.join("\n", csv));
        assertTrue(Files.size(folder.resolve("confusion-matrix.png")) > 1000);
        // Softmax outputs: each track's mean over its chunks sums to 1.
        for (double[] row : NpyMatrix.read(folder.resolve("test-scores.npy"))) {
            assertEquals(1, row[0] + row[1], 1e-5);
        }
    }

    @Test
    void aTrackWithSeveralClassesIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path config = config(dir, null, "multiclass");
        DatasetException e = assertThrows(DatasetException.class, () -> new Experiment(
                ConfigLoader.load(config, List.of()), new PrintStream(new ByteArrayOutputStream())).run());
        assertTrue(e.getMessage().matches("track audio/clip-\\d{4} \\(\\S+\\.wav\\) has \\d classes \\([a-z, ]+\\),"
                + " but task: multiclass needs exactly one per track"), e.getMessage());
    }

    /** The generated set's tempo as a class table beside its own tag table. */
    private static Path tempoTable(Path dir) {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), spec());
        int fast = index.vocabulary().indexOf("fast");
        List<Track> tracks = index.tracks().stream().map(t -> new Track(t.id(), t.audio(),
                new boolean[] {t.hasTag(fast), !t.hasTag(fast)}, t.split())).toList();
        Path table = index.tracks().get(0).audio().getParent().resolveSibling("tempo.csv");
        TagTable.write(table, new TrackIndex(TEMPOS, tracks));
        return table;
    }

    private static SyntheticSpec spec() {
        return new SyntheticSpec(120, 2.0, 8000, 5);
    }

    /** The run's config: the tempo table if given, else the generated set itself (several tags per clip). */
    private static Path config(Path dir, Path table, String task) throws Exception {
        Path config = dir.resolve("tempo.yaml");
        String data = table != null ? "data: {dataset: csv, table: " + table + ", chunk_seconds: 1.5}"
                : "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 120, clip_seconds: 2,"
                        + " chunk_seconds: 1.5, seed: 5}";
        Files.writeString(config, String.join("\n",
                "seed: 3",
                "task: " + task,
                data,
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 20k}",
                "training: {engine: pytorch, batch_size: 16, max_epochs: 8, optimizer: {name: adam, lr: 0.003},"
                        + " early_stopping: {monitor: loss}}",
                "eval: {chunks: 4}",
                "pipeline: {cache_dir: " + dir.resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
        return config;
    }

    private static boolean[][] labels(double[][] values) {
        boolean[][] out = new boolean[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new boolean[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = values[i][j] == 1;
            }
        }
        return out;
    }
}
