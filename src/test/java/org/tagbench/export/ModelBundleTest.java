package org.tagbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.TwinScript;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.ResampleNote;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.engine.Network;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.TinyRun;
import org.tagbench.files.FileDigest;
import org.tagbench.files.NpyMatrix;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.metrics.TrackScores;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;
import org.tagbench.train.Evaluator;

/**
 * A tiny run exported and loaded back: the bundle opened on either engine gives the test scores the run's own network
 * gave (its test-scores.npy) to 1e-5, whichever engine trained it; model.json describes the run; a bundle missing a
 * file or with a changed weights.npz is refused in one line naming the file.
 */
class ModelBundleTest {
    private static final double SCORE_TOLERANCE = 1e-5;
    /** The script's mel is NumPy's in float64, the run's tagbench's in float32; scores printed with 6 decimals. */
    private static final double AUDIO_TOLERANCE = 1e-4;

    @TempDir
    static Path dir;

    private static Path pytorchRun;
    private static Path dl4jRun;
    private static Path pytorchBundle;

    @BeforeAll
    static void runs() throws IOException {
        pytorchRun = run("pytorch");
        dl4jRun = run("dl4j");
        pytorchBundle = dir.resolve("models/tiny-pytorch");
        ModelBundle.fromRun(pytorchRun).write(pytorchBundle);
    }

    @Test
    void aPytorchRunsBundleScoresAsTheRunOnBothEngines() throws IOException {
        ModelBundle bundle = ModelBundle.read(pytorchBundle);

        assertEquals(EngineName.PYTORCH, bundle.engine());
        assertSameScores(pytorchRun, bundle, EngineName.PYTORCH);
        assertSameScores(pytorchRun, bundle, EngineName.DL4J);
    }

    @Test
    void aDl4jRunsBundleScoresAsTheRunOnPytorch() throws IOException {
        Path folder = dir.resolve("models/tiny-dl4j");
        ModelBundle.fromRun(dl4jRun).write(folder);
        ModelBundle bundle = ModelBundle.read(folder);

        assertEquals(EngineName.DL4J, bundle.engine());
        assertSameScores(dl4jRun, bundle, EngineName.PYTORCH);
        assertSameScores(dl4jRun, bundle, EngineName.DL4J);
    }

    @Test
    void aDl4jGraphRunsBundleScoresAsTheRunOnBothEngines() throws IOException {
        // A residual network: DL4J trains and saves it as a ComputationGraph, the bundle holds the layout's arrays.
        Path run = run("dl4j", "model.arch=shortchunk-res", "model.params=20k");
        Path folder = dir.resolve("models/tiny-dl4j-graph");
        ModelBundle.fromRun(run).write(folder);
        ModelBundle bundle = ModelBundle.read(folder);

        assertEquals("shortchunk-res", new ObjectMapper().readTree(folder.resolve("model.json").toFile())
                .get("architecture").asText());
        assertSameScores(run, bundle, EngineName.PYTORCH);
        assertSameScores(run, bundle, EngineName.DL4J);
    }

    @Test
    void aBundleWithTheFrontEndInsideEatsWaveformsAsTheRunDid() throws IOException {
        // The in-network front end is DL4J's until the pytorch engine has one.
        Path run = run("dl4j", "features.frontend=network");
        Path folder = dir.resolve("models/tiny-frontend");
        ModelBundle.fromRun(run).write(folder);
        ModelBundle bundle = ModelBundle.read(folder);

        assertEquals("waveform", new ObjectMapper().readTree(folder.resolve("model.json").toFile())
                .get("network_input").asText());
        assertSameScores(run, bundle, EngineName.DL4J);
    }

    @Test
    void modelJsonDescribesTheRun() throws IOException {
        RunRecord record = RunRecordFile.read(pytorchRun.resolve("run.json"));
        ExperimentConfig config = ConfigLoader.loadSaved(pytorchRun.resolve("config.json"));
        JsonNode model = new ObjectMapper().readTree(pytorchBundle.resolve("model.json").toFile());
        JsonNode runTree = new ObjectMapper().readTree(pytorchRun.resolve("run.json").toFile());

        assertEquals(1, model.get("format_version").asInt());
        assertEquals("k2c2", model.get("architecture").asText());
        assertEquals(record.model().params(), model.get("trainable_params").asLong());
        assertEquals(record.model().widths().toString(), model.get("widths").toString().replace(",", ", "));
        assertEquals("[1,40," + record.model().frames() + "]", model.get("input_shape").toString());
        assertEquals(Files.readAllLines(pytorchRun.resolve("tags.txt")),
                new ObjectMapper().convertValue(model.get("tags"), List.class));
        assertEquals(runTree.get("config").get("features"), model.get("features"));
        assertEquals(8000, model.get("sample_rate").asInt());
        assertEquals(4000, model.get("chunk").get("samples").asInt());
        assertEquals(0.5, model.get("chunk").get("seconds").asDouble());
        assertEquals(config.eval().chunks(), model.get("evaluation").get("chunks").asInt());
        assertEquals("mean", model.get("evaluation").get("aggregate").asText());
        assertEquals("pytorch", model.get("engine").asText());
        assertEquals(FileDigest.sha256(pytorchBundle.resolve("weights.npz")),
                model.get("sha256").get("weights.npz").asText());
        assertEquals(runTree.get("test"), new ObjectMapper().readTree(pytorchBundle.resolve("metrics.json").toFile()));
        JsonNode provenance = new ObjectMapper().readTree(pytorchBundle.resolve("provenance.json").toFile());
        assertEquals(ConfigLoader.experimentKey(config), provenance.get("experiment_key").asText());
        assertEquals(runTree.get("provenance"), provenance.get("run"));
        assertEquals(Files.readString(pytorchRun.resolve("config.json")),
                Files.readString(pytorchBundle.resolve("config.json")));
        String card = Files.readString(pytorchBundle.resolve("MODEL_CARD.md"));
        assertTrue(card.contains("Mono audio at 8000 Hz"), card);
        String firstTag = record.test().perTag().get(0).tag();
        assertTrue(card.contains("| " + firstTag + " | " + record.test().perTag().get(0).positives() + " | "),
                card);
    }

    @Test
    void plainPyTorchTagsATestTrackAsTheRunScoredIt() throws IOException {
        ExperimentConfig config = ConfigLoader.loadSaved(pytorchRun.resolve("config.json"));
        List<Track> test = DatasetIndex.open(config.data(), config.features()).index().split(Split.TEST);
        double[][] stored = NpyMatrix.read(pytorchRun.resolve("test-scores.npy"));
        List<String> tags = Files.readAllLines(pytorchRun.resolve("tags.txt"));

        double worst = 0;
        for (int i = 0; i < 2; i++) {
            Map<String, Double> scores = new HashMap<>();
            TwinScript.run(Path.of("scripts", "bundle_to_torch.py"), pytorchBundle.toString(),
                    test.get(i).audio().toString()).lines().forEach(line -> {
                        String[] parts = line.split("\t");
                        scores.put(parts[0], Double.parseDouble(parts[1]));
                    });
            assertEquals(Set.copyOf(tags), scores.keySet());
            for (int t = 0; t < tags.size(); t++) {
                worst = Math.max(worst, Math.abs(scores.get(tags.get(t)) - stored[i][t]));
            }
        }
        System.out.printf("plain PyTorch on audio: within %.2e of the run's test scores%n", worst);
        assertTrue(worst <= AUDIO_TOLERANCE, "plain PyTorch on audio: " + worst);
    }

    @Test
    void theZipHoldsTheFolderUnderItsName() throws IOException {
        Path zip = dir.resolve("models/tiny-pytorch.zip");
        ModelBundle.zip(pytorchBundle, zip);

        Set<String> names = new TreeSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(e -> names.add(e.getName()));
            assertEquals(Files.readString(pytorchBundle.resolve("model.json")),
                    new String(file.getInputStream(file.getEntry("tiny-pytorch/model.json")).readAllBytes(),
                            StandardCharsets.UTF_8));
        }
        assertEquals(Set.of("tiny-pytorch/model.json", "tiny-pytorch/weights.npz", "tiny-pytorch/config.json",
                "tiny-pytorch/metrics.json", "tiny-pytorch/provenance.json", "tiny-pytorch/MODEL_CARD.md"), names);
    }

    @Test
    void aBundleMissingAFileIsRefusedNamingIt() throws IOException {
        Path broken = copy("missing");
        Files.delete(broken.resolve("metrics.json"));

        ConfigException e = assertThrows(ConfigException.class, () -> ModelBundle.read(broken));

        assertEquals("config error: " + broken + ": is not a whole model bundle: it has no metrics.json (expected"
                + " model.json, weights.npz, config.json, metrics.json, provenance.json, MODEL_CARD.md; export the"
                + " run again)", e.getMessage());
    }

    @Test
    void aChangedWeightsFileIsRefusedByItsDigest() throws IOException {
        Path tampered = copy("tampered");
        Path weights = tampered.resolve("weights.npz");
        String recorded = FileDigest.sha256(weights);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);

        ConfigException e = assertThrows(ConfigException.class, () -> ModelBundle.read(tampered));

        assertEquals("config error: " + weights + ": has SHA-256 " + FileDigest.sha256(weights) + ", but model.json"
                + " records " + recorded + " (the file was changed or damaged after export)", e.getMessage());
    }

    @Test
    void aCutModelJsonIsRefusedInOneLine() throws IOException {
        Path cut = copy("cut");
        Path modelFile = cut.resolve("model.json");
        Files.writeString(modelFile, "{\"architecture\": \"k2c2\"");

        ConfigException e = assertThrows(ConfigException.class, () -> ModelBundle.read(cut));

        assertEquals("config error: " + modelFile + ": is not JSON (Unexpected end-of-input: expected close marker"
                + " for Object)", e.getMessage());
    }

    @Test
    void aModelJsonWhoseCountDisagreesWithItsNetworkIsRefused() throws IOException {
        Path edited = copy("edited");
        Path modelFile = edited.resolve("model.json");
        ObjectNode model = (ObjectNode) new ObjectMapper().readTree(modelFile.toFile());
        long params = model.get("trainable_params").asLong();
        model.put("trainable_params", params + 1);
        new ObjectMapper().writeValue(modelFile.toFile(), model);

        ConfigException e = assertThrows(ConfigException.class, () -> ModelBundle.read(edited));

        assertEquals("config error: " + modelFile + ": trainable_params is " + (params + 1) + ", but k2c2 with widths "
                + model.get("widths").toString().replace(",", ", ") + " has " + params, e.getMessage());
    }

    @Test
    void anExistingFolderThatIsNoBundleIsNotReplaced() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");

        assertThrows(FileAlreadyExistsException.class, () -> ModelBundle.read(pytorchBundle)
                .write(taken));

        try (Stream<Path> files = Files.list(taken)) {
            assertEquals(List.of(taken.resolve("notes.txt")), files.toList());
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().startsWith(".taken")));
        }
    }

    /** The network of {@code bundle} on {@code engine} scores the run's test tracks as the run stored them. */
    private static void assertSameScores(Path run, ModelBundle bundle, EngineName engine) throws IOException {
        double[][] stored = NpyMatrix.read(run.resolve("test-scores.npy"));
        TrackScores scores;
        try (Network network = bundle.network(engine)) {
            scores = testScores(bundle.config(), network);
        }
        assertEquals(Files.readAllLines(run.resolve("test-tracks.txt")), scores.trackIds());
        double worst = 0;
        for (int i = 0; i < stored.length; i++) {
            for (int t = 0; t < stored[i].length; t++) {
                worst = Math.max(worst, Math.abs(stored[i][t] - scores.scores()[i][t]));
            }
        }
        System.out.printf("%s bundle on %s: test scores within %.2e of the run's%n", bundle.engine().configName(),
                engine.configName(), worst);
        assertTrue(worst <= SCORE_TOLERANCE, bundle.engine() + " bundle on " + engine + ": " + worst);
    }

    /** Per-track test scores of {@code network} evaluated as the run evaluates (its chunks, mean per track). */
    private static TrackScores testScores(ExperimentConfig config, Network network) {
        DatasetIndex dataset = DatasetIndex.open(config.data(), config.features());
        MelSpectrogram mel = new MelSpectrogram(config.features());
        ChunkFeatures features = config.features().frontend() == FrontEndPlacement.NETWORK ? ChunkFeatures.samples()
                : mel::compute;
        try (BatchStream stream = new BatchStream(features, Experiment.chunkSamples(config),
                PcmSource.of(config.pipeline(),
                        new ResampleNote("the model", config.features().sampleRate(), line -> { })),
                2, 4)) {
            return new Evaluator(stream, config.eval().chunks(), config.training().batchSize(),
                    dataset.index().vocabulary()).evaluate(network, dataset.index().split(Split.TEST)).scores();
        }
    }

    /** A finished tiny run on {@code engine}, with {@code overrides}; its folder. */
    private static Path run(String engine, String... overrides) throws IOException {
        Path config = TinyRun.config(dir, engine, 24, 3, "training: {engine: " + engine + ", batch_size: 4,"
                + " max_epochs: 2}", "eval: {chunks: 3}", "pipeline: {pcm_cache: false}");
        ExperimentConfig experiment = ConfigLoader.load(config, List.of(overrides));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RunRecord record = new Experiment(experiment, quiet).run();
        return experiment.results().dir().resolve(record.id());
    }

    private static Path copy(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(pytorchBundle)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
