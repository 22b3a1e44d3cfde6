package org.tagbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.readers.TagTable;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.experiment.Experiment;
import org.tagbench.export.ModelBundle;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.Resamples;
import org.tagbench.report.ComparisonReport;
import org.tagbench.report.ConfusionMatrix;
import org.tagbench.results.FinishedRun;
import org.tagbench.results.FinishedRuns;
import org.tagbench.results.ResultsStore;

/**
 * {@code tagbench probe} on the generated dataset: a logistic probe on a briefly trained bundle's embeddings beats
 * the same probe on its architecture's random initial weights by a real margin; a second probe takes both
 * embeddings from the cache and gives the same numbers; both probes are rows of kind {@code probe} in the store with
 * the metrics they report. A multiclass probe (the generated set's tempo and drums as four classes, one per clip)
 * fits softmaxes that beat their random weights too, names the class its test split lacks, and records a run's class
 * metrics. Audio at another rate than the bundle eats is resampled, said in one line for all files and both probes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbeTest {
    /**
     * Measured through the CLI on this input: test macro ROC-AUC 0.781 for the probe against 0.684 for the random
     * weights (the run's own 0.768); a 5k tiny run gave only 0.66 against 0.62, too close to call on 12 test tracks.
     * The multiclass probe's four classes: test macro ROC-AUC 0.824 against 0.684, accuracy 0.708 against 0.625 (24
     * test tracks, too few for balanced accuracy to tell them apart: 0.51 against 0.48).
     */
    private static final double MARGIN = 0.05;
    /** The multiclass probe's classes, in the order the table's alphabetical vocabulary has them. */
    private static final List<String> CLASSES = List.of("fast-drums", "fast-plain", "slow-drums", "slow-plain");
    private static final String DATA = "clips: 200, clip_seconds: 2, chunk_seconds: 2, seed: 7";

    @TempDir
    static Path dir;

    private static String url;
    private static Path probeConfig;
    private static Probe.Outcome first;

    @BeforeAll
    static void trainAndExport() throws IOException {
        url = "jdbc:sqlite:" + dir.resolve("store.db");
        // The learning check's input (docs/architectures.md), small: 24 mel bands of 2 s chunks at 12 kHz.
        Path config = Files.writeString(dir.resolve("probed.yaml"), String.join("\n",
                "seed: 1",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", " + DATA + "}",
                "features: {sample_rate: 12000, n_fft: 1024, hop_length: 768, n_mels: 24}",
                "model: {arch: k2c2, params: 20k}",
                "training: {conventions: dl4j, batch_size: 16, max_epochs: 8, optimizer: {lr: 0.004}}",
                "eval: {chunks: 1}",
                "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("results") + ", url: '" + url + "'}"));
        ExperimentConfig experiment = ConfigLoader.load(config, List.of());
        String runId = new Experiment(experiment, quiet()).run().id();
        ModelBundle.fromRun(experiment.results().dir().resolve(runId)).write(dir.resolve("models/tiny"));
        probeConfig = Files.writeString(dir.resolve("probe.yaml"), String.join("\n",
                "name: tiny-probe",
                "bundles: [{path: " + dir.resolve("models/tiny") + "}]",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", " + DATA + "}",
                "pipeline: {pcm_cache: false, cache_dir: " + dir.resolve("cache") + "}",
                "results: {dir: " + dir.resolve("results") + ", url: '" + url + "'}"));
        first = new Probe(ConfigLoader.loadProbe(probeConfig, List.of()), quiet()).run();
    }

    @Test
    @Order(1)
    void theTrainedBundlesProbeBeatsItsRandomWeights() {
        double probe = first.probe().testMetrics().rocAucMacro();
        double random = first.baseline().testMetrics().rocAucMacro();

        assertTrue(probe > random + MARGIN, "probe " + probe + ", random weights " + random);
        assertEquals(0, first.cacheHits());
        assertEquals(2, first.cacheMisses());
    }

    @Test
    @Order(2)
    void aSecondProbeTakesItsEmbeddingsFromTheCache() throws IOException {
        Probe.Outcome again = new Probe(ConfigLoader.loadProbe(probeConfig, List.of()), quiet()).run();

        assertEquals(2, again.cacheHits());
        assertEquals(0, again.cacheMisses());
        assertEquals(first.probe().testMetrics(), again.probe().testMetrics());
        assertEquals(first.baseline().testMetrics(), again.baseline().testMetrics());
        assertEquals(first.probe().l2(), again.probe().l2());
    }

    @Test
    @Order(3)
    void bothProbesAreRowsOfKindProbeWithTheirMetrics() throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement query = c.prepareStatement("SELECT kind, arch, status, test_roc_auc, test_pr_auc"
                     + " FROM runs WHERE id = ?")) {
            for (long id : new long[] {first.probeId(), first.baselineId()}) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    assertTrue(row.next());
                    ProbeFitting fitting = id == first.probeId() ? first.probe() : first.baseline();
                    assertEquals("probe", row.getString("kind"));
                    assertEquals(id == first.probeId() ? "probe:k2c2" : "probe:k2c2-random", row.getString("arch"));
                    assertEquals("finished", row.getString("status"));
                    assertEquals(fitting.testMetrics().rocAucMacro(), row.getDouble("test_roc_auc"), 1e-15);
                    assertEquals(fitting.testMetrics().prAucMacro(), row.getDouble("test_pr_auc"), 1e-15);
                }
            }
            try (ResultSet runs = c.createStatement().executeQuery("SELECT kind FROM runs WHERE kind = 'run'")) {
                assertTrue(runs.next(), "the trained run keeps kind run");
            }
        }
    }

    @Test
    @Order(4)
    void compareShowsTheProbesBesideTheTrainedRun() throws IOException, SQLException {
        long runId;
        try (Connection c = DriverManager.getConnection(url);
             ResultSet run = c.createStatement().executeQuery("SELECT id FROM runs WHERE kind = 'run'")) {
            assertTrue(run.next());
            runId = run.getLong(1);
        }
        List<FinishedRun> runs = new FinishedRuns(ResultsStore.existing(url)).byIds(List.of(runId, first.probeId(),
                first.baselineId()));
        Path report = dir.resolve("report");

        ComparisonReport.of(runs, "k2c2").write(report, tracks -> Resamples.draw(tracks, 1000, 16), "1000");

        String summary = Files.readString(report.resolve("summary.csv"));
        for (String arch : List.of("k2c2", "probe:k2c2", "probe:k2c2-random")) {
            assertTrue(summary.lines().anyMatch(line -> line.startsWith(arch + ",")), summary);
        }
    }

    @Test
    @Order(5)
    void anMlpProbeOnTheCachedEmbeddingsAlsoBeatsItsRandomWeights() throws IOException {
        Probe.Outcome mlp = new Probe(ConfigLoader.loadProbe(probeConfig, List.of("probe.kind=mlp",
                "probe.l2=[0.1, 10]", "probe.hidden=16", "probe.epochs=200")), quiet()).run();

        double probe = mlp.probe().testMetrics().rocAucMacro();
        double random = mlp.baseline().testMetrics().rocAucMacro();
        assertTrue(probe > random + MARGIN, "probe " + probe + ", random weights " + random);
        assertEquals(2, mlp.cacheHits());
    }

    @Test
    @Order(6)
    void aMulticlassProbeBeatsItsRandomWeightsAndRecordsClassMetrics() throws IOException, SQLException {
        Path table = classTable();
        Path config = Files.writeString(dir.resolve("classes.yaml"), String.join("\n",
                "name: class-probe",
                "task: multiclass",
                "bundles: [{path: " + dir.resolve("models/tiny") + "}]",
                "data: {dataset: csv, table: " + table + ", chunk_seconds: 2}",
                "pipeline: {pcm_cache: false, cache_dir: " + dir.resolve("cache") + "}",
                "results: {dir: " + dir.resolve("results") + ", url: '" + url + "'}"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Probe.Outcome outcome = new Probe(ConfigLoader.loadProbe(config, List.of()),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String text = printed.toString(StandardCharsets.UTF_8);
        ClassMetrics probe = outcome.probe().testClasses();
        ClassMetrics random = outcome.baseline().testClasses();
        assertTrue(outcome.probe().testMetrics().rocAucMacro() > outcome.baseline().testMetrics().rocAucMacro()
                + MARGIN, text);
        assertTrue(probe.accuracy() > random.accuracy(), "probe " + probe + ", random weights " + random + "\n" + text);
        assertEquals(List.of("slow-plain"), probe.absentClasses());
        assertEquals(1, text.lines().filter(l -> l.contains("no track of")).count(), text);
        assertTrue(text.contains("the test split has no track of slow-plain: left out of its macro means"), text);
        // The test metrics are the class metrics of the saved test scores, and the store holds them as a run's.
        Path folder = outcome.folder();
        ClassMetrics fromScores = ClassMetrics.of(new TagVocabulary(CLASSES), NpyMatrix.read(folder.resolve(
                "test-scores.npy")), booleans(NpyMatrix.read(folder.resolve("test-labels.npy"))));
        assertSame(fromScores, probe);
        assertTrue(Files.size(folder.resolve(ConfusionMatrix.NAME + ".png")) > 1000);
        assertTrue(Files.size(folder.resolve(Probe.BASELINE_FOLDER).resolve(ConfusionMatrix.NAME + ".csv")) > 0);
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement query = c.prepareStatement("SELECT kind, test_accuracy, test_balanced_accuracy,"
                     + " test_macro_f1, test_classes, test_lrap FROM runs WHERE id = ?")) {
            for (long id : new long[] {outcome.probeId(), outcome.baselineId()}) {
                ClassMetrics expected = id == outcome.probeId() ? probe : random;
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals("probe", row.getString("kind"));
                    assertEquals(expected.accuracy(), row.getDouble("test_accuracy"), 1e-15);
                    assertEquals(expected.balancedAccuracy(), row.getDouble("test_balanced_accuracy"), 1e-15);
                    assertEquals(expected.macroF1(), row.getDouble("test_macro_f1"), 1e-15);
                    assertSame(expected, new ObjectMapper().readValue(row.getString("test_classes"),
                            ClassMetrics.class));
                    assertEquals(null, row.getObject("test_lrap"));
                }
            }
        }
        // Softmax outputs: each test track's class scores sum to 1.
        for (double[] row : outcome.probe().test().scores()) {
            assertEquals(1, Arrays.stream(row).sum(), 1e-12);
        }
    }

    @Test
    @Order(7)
    void audioAtAnotherRateThanTheBundleEatsIsResampledAndSaidOnce() throws IOException {
        TrackIndex other = SyntheticDataset.ensure(dir.resolve("data16k"), new SyntheticSpec(60, 1.0, 16000, 3));
        Path table = other.tracks().get(0).audio().getParent().resolveSibling(TagTable.FILE_NAME);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new Probe(ConfigLoader.loadProbe(probeConfig, List.of("data={dataset: csv, table: " + table
                + ", chunk_seconds: 2}", "probe.l2=[1]")), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        // 60 files, each decoded by the bundle and by its random weights: one line.
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("resampled"))
                .toList();
        assertEquals(1, lines.size(), printed.toString(StandardCharsets.UTF_8));
        assertTrue(lines.get(0).matches(Pattern.quote(dir.resolve("models/tiny").toString()) + " eats audio at 12000"
                + " Hz, but \\S+\\.wav is at 16000 Hz: it and every other file at 16000 Hz are resampled to 12000 Hz"),
                lines.get(0));
    }

    /**
     * The generated clips of the probe's data as four classes, tempo and whether drums play, in a table beside their
     * audio; the test split's slow clips without drums are left out, so that its split lacks that class.
     */
    private static Path classTable() {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(200, 2.0, 12000, 7));
        int fast = index.vocabulary().indexOf("fast");
        int drums = index.vocabulary().indexOf("drums");
        List<Track> tracks = new ArrayList<>();
        for (Track t : index.tracks()) {
            int c = (t.hasTag(fast) ? 0 : 2) + (t.hasTag(drums) ? 0 : 1);
            if (!(t.split() == Split.TEST && c == 3)) {
                boolean[] labels = new boolean[CLASSES.size()];
                labels[c] = true;
                tracks.add(new Track(t.id(), t.audio(), labels, t.split()));
            }
        }
        Path table = index.tracks().get(0).audio().getParent().resolveSibling("classes.csv");
        TagTable.write(table, new TrackIndex(new TagVocabulary(CLASSES), tracks));
        return table;
    }

    /** Asserts two class metrics hold the same numbers (a record's equals compares arrays by reference). */
    private static void assertSame(ClassMetrics expected, ClassMetrics actual) {
        assertEquals(expected.classes(), actual.classes());
        assertTrue(Arrays.deepEquals(expected.confusion(), actual.confusion()));
        assertEquals(expected.accuracy(), actual.accuracy(), 1e-15);
        assertEquals(expected.balancedAccuracy(), actual.balancedAccuracy(), 1e-15);
        assertEquals(expected.macroF1(), actual.macroF1(), 1e-15);
        assertEquals(expected.absentClasses(), actual.absentClasses());
        assertEquals(expected.tracks(), actual.tracks());
    }

    private static boolean[][] booleans(double[][] labels) {
        boolean[][] out = new boolean[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            out[i] = new boolean[labels[i].length];
            for (int j = 0; j < labels[i].length; j++) {
                out[i][j] = labels[i][j] == 1;
            }
        }
        return out;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
