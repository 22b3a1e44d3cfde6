package org.tagbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.AugmentConfig;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EarlyStoppingConfig;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.LossName;
import org.tagbench.config.MaskFill;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ScheduleConfig;
import org.tagbench.config.SpecAugmentConfig;
import org.tagbench.config.TrainingConfig;
import org.tagbench.config.UniformRange;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.augment.Augmentation;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WidthSolver;

/**
 * Training with every augmentation on (gain, SpecAugment, mixup): a run that dies in its second epoch and resumes
 * from its last step checkpoint ends with the epochs and weights of the run left alone, bit for bit; augmentation
 * changes training; and validation and test scores are those of the same network fed unaugmented input.
 */
class AugmentedTrainingTest {
    private static final int CHUNK = 4000;
    private static final int BATCH = 4;
    private static final FeatureConfig FEATURES = ConfigLoader.features(null, List.of("features.sample_rate=8000",
            "features.n_fft=256", "features.hop_length=128", "features.n_mels=40"));
    private static final AugmentConfig AUGMENT = new AugmentConfig(new UniformRange(-9, 6), new UniformRange(0, 0),
            new UniformRange(1, 1), 0.4, new SpecAugmentConfig(2, 8, 2, 6, MaskFill.MEAN));

    @TempDir
    Path dir;

    @Test
    void aResumedAugmentedRunEndsWithTheEpochsAndWeightsOfTheUninterruptedOne() throws Exception {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(20, 1.0, 8000, 6));
        List<Track> train = index.split(Split.TRAIN);
        List<Track> valid = index.split(Split.VALID);
        int steps = (train.size() + BATCH - 1) / BATCH;
        TrainingConfig training = training(2);
        MelSpectrogram mel = new MelSpectrogram(FEATURES);
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, 5_000, 40, mel.frames(CHUNK), index.vocabulary().size());

        try (BatchStream augmented = stream(Augmentation.of(AUGMENT, FEATURES));
             BatchStream plain = stream(Augmentation.NONE)) {
            Evaluator evaluator = new Evaluator(augmented, 2, BATCH, index.vocabulary());
            Network alone = network(spec);
            Trainer aloneTrainer = trainer(training, augmented, evaluator, "alone");
            TrainingOutcome uninterrupted = aloneTrainer.fit(alone, train, valid, aloneTrainer.start(Instant.now()))
                    .outcome();

            Checkpoints checkpoints = new Checkpoints(dir.resolve("killed"));
            Trainer first = trainer(training, augmented, evaluator, "killed");
            // Dies in epoch 2's third step: step 1's checkpoint is on disk, step 2's waits for step 3's loss.
            Network dies = new TickingNetwork(network(spec), new AtomicLong(), steps + 3);
            assertThrows(IllegalStateException.class, () -> first.fit(dies, train, valid, first.start(Instant.now())));
            Checkpoints.Resumed kept = checkpoints.latest(network(spec)).orElseThrow();
            assertEquals(List.of(2, 1), List.of(kept.state().epoch(), kept.state().batchesDone()));
            TrainingOutcome resumed = trainer(training, augmented, evaluator, "killed")
                    .fit(kept.network(), train, valid, kept.state()).outcome();

            assertEquals(uninterrupted.bestEpoch(), resumed.bestEpoch());
            assertEquals(2, resumed.epochs().size());
            for (int e = 0; e < 2; e++) {
                EpochRecord a = uninterrupted.epochs().get(e);
                EpochRecord b = resumed.epochs().get(e);
                assertEquals(a.trainLoss(), b.trainLoss(), "train loss, epoch " + (e + 1));
                assertEquals(a.validLoss(), b.validLoss(), "valid loss, epoch " + (e + 1));
                assertEquals(a.validRocAuc(), b.validRocAuc(), "valid ROC-AUC, epoch " + (e + 1));
            }
            assertSameWeights(alone.weights(), kept.network().weights());

            Network unaugmented = network(spec);
            Evaluator plainEvaluator = new Evaluator(plain, 2, BATCH, index.vocabulary());
            // One epoch is enough to compare its loss with the augmented run's first.
            Trainer plainTrainer = trainer(training(1), plain, plainEvaluator, "plain");
            TrainingOutcome without = plainTrainer.fit(unaugmented, train, valid, plainTrainer.start(Instant.now()))
                    .outcome();
            assertNotEquals(without.epochs().get(0).trainLoss(), uninterrupted.epochs().get(0).trainLoss(),
                    "augmentation changes what the network trains on");

            List<Track> test = index.split(Split.TEST);
            Evaluation onAugmentedStream = evaluator.evaluate(alone, test);
            Evaluation onPlainStream = plainEvaluator.evaluate(alone, test);
            assertEquals(onPlainStream.loss(), onAugmentedStream.loss());
            assertEquals(onPlainStream.scores().trackIds(), onAugmentedStream.scores().trackIds());
            for (int t = 0; t < test.size(); t++) {
                assertArrayEquals(onPlainStream.scores().scores()[t], onAugmentedStream.scores().scores()[t],
                        "test scores of track " + t);
            }
            assertEquals(onPlainStream.metrics().rocAucMacro(), onAugmentedStream.metrics().rocAucMacro());
        }
    }

    private static void assertSameWeights(ModelWeights want, ModelWeights got) {
        assertEquals(want.arrays().keySet(), got.arrays().keySet());
        want.arrays().forEach((name, array) -> assertArrayEquals(array.values(), got.get(name).values(), name));
    }

    private Trainer trainer(TrainingConfig training, BatchStream stream, Evaluator evaluator, String run) {
        return new Trainer(training, stream, evaluator, 1, new Checkpoints(dir.resolve(run)),
                new PrintStream(OutputStream.nullOutputStream()), EpochListener.NONE);
    }

    private static Network network(ModelSpec spec) {
        return Engine.named(EngineName.PYTORCH).build(spec, OptimizerConfig.adam(0.003), TrainingConventions.PYTORCH, 1);
    }

    /** Adam at 0.003 for {@code epochs} epochs, batches of four, a checkpoint after every step, AUGMENT's settings. */
    private static TrainingConfig training(int epochs) {
        return new TrainingConfig(EngineName.PYTORCH, ConventionsName.PYTORCH, BATCH, epochs, OptimizerConfig.adam(0.003),
                new ScheduleConfig("none", 10, 0.1, 3, 0, 80, 20, 0.001, 2), new EarlyStoppingConfig("roc_auc", 0), 1,
                LossName.BCE, AUGMENT);
    }

    private static BatchStream stream(Augmentation augmentation) {
        return new BatchStream(new MelSpectrogram(FEATURES)::compute, CHUNK, PcmSource.decoding(new AudioDecoder(8000)),
                2, 2, augmentation);
    }
}
