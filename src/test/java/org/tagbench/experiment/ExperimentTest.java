package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.ScoreAssertions.assertScores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.Split;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.results.Provenance;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;
import org.tagbench.results.ScoreFiles;
import org.tagbench.train.EpochRecord;
import org.tagbench.train.Evaluation;

/** A short end-to-end run on a tiny generated dataset: it must learn, print the final line and record itself. */
class ExperimentTest {

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void shortRunOnATinyGeneratedSetBeatsChanceAndWritesItsRecord(EngineName engine, @TempDir Path dir)
            throws Exception {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, String.join("\n",
                "seed: 3",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 120, clip_seconds: 2,"
                        + " chunk_seconds: 1.5, seed: 5}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 20k}",
                "training: {engine: " + engine.configName() + ", batch_size: 16, max_epochs: 10,"
                        + " optimizer: {name: adam, lr: 0.003}}",
                "eval: {chunks: 2}",
                "pipeline: {cache_dir: " + dir.resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
        ExperimentConfig experiment = ConfigLoader.load(config, List.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunRecord record = new Experiment(experiment, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        double auc = record.test().rocAucMacro();
        assertTrue(auc >= 0.70, "macro ROC-AUC " + auc + " does not beat chance (0.5) by a clear margin");
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertTrue(lines[lines.length - 1].matches(
                "test ROC-AUC \\(macro\\): 0\\.\\d{4}  PR-AUC \\(macro\\): 0\\.\\d{4}  tags: \\d+  tracks: 24"),
                lines[lines.length - 1]);

        Path folder = dir.resolve("results").resolve(record.id());
        Path file = folder.resolve("run.json");
        RunRecord read = RunRecordFile.read(file);
        assertEquals(ConfigLoader.hash(experiment), read.configHash());
        assertEquals(record.model().params(), read.model().params());
        assertTrue(Math.abs(read.model().params() - 20_000) <= 400, "params " + read.model().params());
        assertEquals(10, read.training().epochs().size());
        assertEquals(auc, read.test().rocAucMacro(), 1e-12);
        assertEquals(record.test().perTag().size(), read.test().perTag().size());
        try (var files = Files.list(folder)) {
            assertEquals(List.of(".tagbench-run.lock", "best-model.zip", "checkpoint.zip", "config.json", "run.json",
                    "run.uid", "tags.txt", "test-labels.npy", "test-scores.npy", "test-tracks.txt", "valid-labels.npy",
                    "valid-scores.npy", "valid-tracks.txt"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "whole files only, no temp files");
        }
        assertEquals(experiment, ConfigLoader.load(folder.resolve("config.json"), List.of()));

        TagMetrics again = Experiment.evaluate(folder, Split.TEST, TinyRun.quiet()).metrics();
        assertEquals(record.test().rocAucMacro(), again.rocAucMacro(), 1e-12, "eval RUN_DIR repeats the test");
        assertEquals(record.test().prAucMacro(), again.prAucMacro(), 1e-12);
    }

    @Test
    void aRunFolderFromBeforeConventionsIsEvaluatedUnderDl4jsAsItWasTrained(@TempDir Path dir) throws Exception {
        // The pytorch engine's best-model.zip names its conventions, and is read under no others.
        Path config = TinyRun.config(dir, "old", 20, 6,
                "training: {engine: pytorch, conventions: dl4j, batch_size: 4, max_epochs: 1}", "eval: {chunks: 1}",
                "pipeline: {pcm_cache: false}");
        RunRecord record = new Experiment(ConfigLoader.load(config, List.of()), TinyRun.quiet()).run();
        Path folder = dir.resolve("results").resolve(record.id());
        ObjectNode saved = (ObjectNode) new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        assertEquals("dl4j", ((ObjectNode) saved.get("training")).remove("conventions").asText());
        Files.writeString(folder.resolve("config.json"), saved.toString());

        TagMetrics again = Experiment.evaluate(folder, Split.TEST, TinyRun.quiet()).metrics();

        assertEquals(record.test().rocAucMacro(), again.rocAucMacro(), 1e-12);
        assertEquals(record.test().prAucMacro(), again.prAucMacro(), 1e-12);
    }

    @Test
    void theEpochValidationTakesValidChunksAndTheReportedMetricsTakeChunks(@TempDir Path dir) throws Exception {
        Path config = TinyRun.config(dir, "valid-chunks", 20, 6, "training: {batch_size: 4, max_epochs: 1}",
                "eval: {chunks: 3, valid_chunks: 1}", "pipeline: {pcm_cache: false}");
        RunRecord record = new Experiment(ConfigLoader.load(config, List.of()), TinyRun.quiet()).run();
        Path folder = dir.resolve("results").resolve(record.id());
        Evaluation threeChunks = Experiment.evaluate(folder, Split.VALID, TinyRun.quiet());
        ObjectNode saved = (ObjectNode) new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        assertEquals(1, saved.get("eval").get("valid_chunks").asInt(), "the run's config keeps valid_chunks");
        ((ObjectNode) saved.get("eval")).put("chunks", 1).remove("valid_chunks");
        Files.writeString(folder.resolve("config.json"), saved.toString());
        Evaluation oneChunk = Experiment.evaluate(folder, Split.VALID, TinyRun.quiet());

        // One epoch, so its validation saw the weights the best model holds.
        EpochRecord epoch = record.training().epochs().get(0);
        assertEquals(oneChunk.loss(), epoch.validLoss(), 1e-9, "the epoch's validation took one chunk per track");
        assertEquals(oneChunk.metrics().rocAucMacro(), epoch.validRocAuc(), 1e-12);
        assertNotEquals(threeChunks.loss(), epoch.validLoss(), "three chunks per track give another loss");
        // The run's validation scores file is the three-chunk validation, not the epoch's one-chunk one.
        assertScores(threeChunks.scores().scores(), NpyMatrix.read(folder.resolve(ScoreFiles.scores(Split.VALID))),
                1e-7);
    }

    @Test
    void anAugmentedRunTrainsOnAugmentedClipsAndItsEvalRepeatsItsUnaugmentedTest(@TempDir Path dir) throws Exception {
        Path config = TinyRun.config(dir, "augmented", 20, 6, "training: {batch_size: 4, max_epochs: 1, augment: {"
                        + "gain_db: {min: -6, max: 6}, pitch_semitones: {min: -1, max: 1}, stretch_rate: {min: 0.9,"
                        + " max: 1.1}, mixup_alpha: 0.4, spec_augment: {time_masks: 1, time_width: 5, freq_masks: 1,"
                        + " freq_width: 8}}}", "eval: {chunks: 2}", "pipeline: {pcm_cache: false}");
        ExperimentConfig augmented = ConfigLoader.load(config, List.of());
        ExperimentConfig plain = ConfigLoader.load(config, List.of("training.augment.gain_db.min=0",
                "training.augment.gain_db.max=0", "training.augment.pitch_semitones.min=0",
                "training.augment.pitch_semitones.max=0", "training.augment.stretch_rate.min=1",
                "training.augment.stretch_rate.max=1", "training.augment.mixup_alpha=0",
                "training.augment.spec_augment.time_masks=0", "training.augment.spec_augment.freq_masks=0"));

        RunRecord withAugment = new Experiment(augmented, TinyRun.quiet()).run();
        RunRecord without = new Experiment(plain, TinyRun.quiet()).run();
        TagMetrics evaluated = Experiment.evaluate(dir.resolve("results").resolve(withAugment.id()), Split.TEST,
                TinyRun.quiet()).metrics();

        assertNotEquals(ConfigLoader.experimentKey(plain), ConfigLoader.experimentKey(augmented));
        assertNotEquals(without.training().epochs().get(0).trainLoss(), withAugment.training().epochs().get(0).trainLoss(),
                "the run's batches were augmented");
        assertEquals(withAugment.test().rocAucMacro(), evaluated.rocAucMacro(), 1e-12, "eval of the saved config");
        assertEquals(withAugment.test().prAucMacro(), evaluated.prAucMacro(), 1e-12);
    }

    @Test
    void missingAndUnreadableTracksAreSkippedCountedAndRecorded(@TempDir Path dir) throws Exception {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(20, 1.0, 8000, 5));
        Track gone = index.split(Split.TRAIN).get(0);
        Track text = index.split(Split.TEST).get(1);
        Files.delete(gone.audio());
        Files.writeString(text.audio(), "not audio");
        Path config = TinyRun.config(dir, "damaged", 20, 5, "training: {batch_size: 4, max_epochs: 1}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false}");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunRecord record = new Experiment(ConfigLoader.load(config, List.of()),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        Provenance provenance = record.provenance();
        assertEquals(List.of(gone.audio() + ": file not found"), provenance.skippedPerSplit().get("train"));
        assertEquals(1, provenance.skippedPerSplit().get("test").size());
        assertTrue(provenance.skippedPerSplit().get("test").get(0).startsWith(text.audio() + ": "));
        assertEquals(List.of(), provenance.skippedPerSplit().get("valid"));
        assertEquals(11, provenance.tracksPerSplit().get("train"));
        assertEquals(3, provenance.tracksPerSplit().get("test"));
        assertEquals(DatasetFingerprint.bySizeAndTime(index), provenance.datasetFingerprint(),
                "the fingerprint covers every listed track, the missing one included");
        assertEquals(provenance.datasetFingerprint(), RunRecordFile.read(dir.resolve("results").resolve(record.id())
                .resolve(RunRecordFile.FILE_NAME)).provenance().datasetFingerprint());
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("skipped 2 missing or unreadable tracks (train 1, test 1):\n  train  " + gone.audio()
                + ": file not found\n  test  " + text.audio() + ": "), out);
        assertTrue(out.strip().endsWith("tracks: 3"), out);
    }

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void theMelFrontEndInsideTheNetworkTrainsLikeTheCpuFrontEnd(EngineName engine, @TempDir Path dir)
            throws Exception {
        Path config = TinyRun.config(dir, "placement", 20, 4,
                "training: {engine: " + engine.configName() + ", batch_size: 4, max_epochs: 1}", "eval: {chunks: 1}",
                "pipeline: {pcm_cache: false}");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        RunRecord cpu = new Experiment(ConfigLoader.load(config, List.of()), out).run();
        RunRecord network = new Experiment(ConfigLoader.load(config, List.of("features.frontend=network")), out)
                .run();
        RunRecord again = new Experiment(ConfigLoader.load(config, List.of()), out).run();

        assertEquals(cpu.model().params(), network.model().params());
        double cpuLoss = cpu.training().epochs().get(0).trainLoss();
        double networkLoss = network.training().epochs().get(0).trainLoss();
        // Same initial weights and batches; the two front ends differ only by float32 rounding of the log-mel.
        assertEquals(cpuLoss, networkLoss, 1e-3 * cpuLoss);
        assertEquals(cpu.training().epochs().get(0).validLoss(), network.training().epochs().get(0).validLoss(),
                1e-3 * cpuLoss);
        // Evaluated end to end: the test split's per-track scores are those of the CPU front end's run, up to what
        // an epoch of Adam (whose first steps move by about the rate whatever the gradient's size) makes of the
        // front ends' float32 rounding differences; with equal weights they agree to 1e-4 (NetworkContractTest).
        double[][] cpuScores = testScores(dir, cpu);
        double[][] networkScores = testScores(dir, network);
        assertEquals(cpuScores.length, networkScores.length);
        for (int t = 0; t < cpuScores.length; t++) {
            assertArrayEquals(cpuScores[t], networkScores[t], 1e-3, "test track " + t);
        }
        // The same config twice (within a second or not): two run folders, the same numbers.
        assertNotEquals(cpu.id(), again.id());
        EpochRecord first = cpu.training().epochs().get(0);
        EpochRecord second = again.training().epochs().get(0);
        assertEquals(first.trainLoss(), second.trainLoss(), 0.0);
        assertEquals(first.validLoss(), second.validLoss(), 0.0);
        assertEquals(cpu.test().rocAucMacro(), again.test().rocAucMacro(), 0.0);
    }

    /** The per-track test scores {@code run} wrote into its folder under TinyRun's results. */
    private static double[][] testScores(Path dir, RunRecord run) throws IOException {
        return NpyMatrix.read(dir.resolve("results").resolve(run.id()).resolve(ScoreFiles.scores(Split.TEST)));
    }
}
