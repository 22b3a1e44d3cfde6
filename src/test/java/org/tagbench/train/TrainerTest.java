package org.tagbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.AugmentConfig;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EarlyStoppingConfig;
import org.tagbench.config.EngineName;
import org.tagbench.config.LossName;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.MaskFill;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ScheduleConfig;
import org.tagbench.config.SpecAugmentConfig;
import org.tagbench.config.TrainingConfig;
import org.tagbench.config.UniformRange;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.engine.Network;
import org.tagbench.engine.dl4j.Dl4jNetwork;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WidthSolver;

/**
 * A loss that turns NaN stops training with a one-line message naming the way on, and the checkpoint kept is the
 * last one whose weights were shown finite; a resumed epoch's time is the time trained, not the time between.
 */
class TrainerTest {
    private static final int CHUNK = 4000;
    private static final int BATCH = 4;

    @TempDir
    Path dir;

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastCheckpointShownGood() throws Exception {
        TrackIndex index = dataset();
        MelSpectrogram mel = mel();
        AtomicInteger chunks = new AtomicInteger();
        // The first two batches of four are real log-mel; from the ninth chunk on every value is NaN.
        ChunkFeatures turnsNan = chunk -> {
            float[] out = mel.compute(chunk);
            if (chunks.incrementAndGet() > 8) {
                Arrays.fill(out, Float.NaN);
            }
            return out;
        };
        TrainingConfig training = training(0.01, 2);
        Checkpoints checkpoints = new Checkpoints(dir.resolve("run"));
        Dl4jNetwork network = Dl4jNetwork.build(spec(index, mel), training.optimizer(), TrainingConventions.DL4J, 1);

        try (BatchStream stream = stream(turnsNan)) {
            Trainer trainer = new Trainer(training, stream, new Evaluator(stream, 1, BATCH, index.vocabulary()), 1,
                    checkpoints, new PrintStream(OutputStream.nullOutputStream()), EpochListener.NONE);
            ConfigException e = assertThrows(ConfigException.class, () -> trainer.fit(network,
                    index.split(Split.TRAIN), index.split(Split.VALID), trainer.start(Instant.now())));

            assertEquals("config error: training.optimizer.lr: training loss is NaN at epoch 1 step 3 (lr 0.01); go "
                    + "on from the last good checkpoint at a lower rate: tagbench run --resume " + dir.resolve("run")
                    + " --set training.optimizer.lr=0.001", e.getMessage());
        }
        // Step 2's weights met only the NaN batch, so nothing showed them finite: step 1's checkpoint is kept.
        TrainingState kept = checkpoints.latest(network).orElseThrow().state();
        assertEquals(1, kept.globalStep());
        assertEquals(1, kept.batchesDone());
        assertTrue(Double.isFinite(kept.epochLossSum()) && kept.epochLossSum() > 0, "loss sum " + kept.epochLossSum());
        for (WeightArray array : checkpoints.latest(network).orElseThrow().network().weights().arrays().values()) {
            for (float value : array.values()) {
                assertTrue(Float.isFinite(value), "the kept weights are finite");
            }
        }
    }

    @Test
    void aResumedEpochCountsTheSecondsTrainedBeforeTheCheckpointAndAfterTheResumeButNotBetween() throws Exception {
        TrackIndex index = dataset();
        MelSpectrogram mel = mel();
        List<Track> train = index.split(Split.TRAIN);
        int steps = (train.size() + BATCH - 1) / BATCH;
        assertTrue(steps >= 3, "an epoch of at least three steps, " + steps);
        TrainingConfig training = training(0.001, 2);
        Checkpoints checkpoints = new Checkpoints(dir.resolve("run"));
        AtomicLong nanos = new AtomicLong();
        Instant started = Instant.parse("2024-05-06T07:08:09.123Z");

        try (BatchStream stream = stream(mel::compute)) {
            Evaluator evaluator = new Evaluator(stream, 1, BATCH, index.vocabulary());
            List<EpochRecord> told = new ArrayList<>();
            Trainer trainer = new Trainer(training, stream, evaluator, 1, checkpoints,
                    new PrintStream(OutputStream.nullOutputStream()), told::add, nanos::get);
            // Dies in epoch 2's third step: step 1's checkpoint is on disk, step 2's waits for step 3's loss.
            Network dies = new TickingNetwork(Dl4jNetwork.build(spec(index, mel), training.optimizer(), TrainingConventions.DL4J, 1), nanos,
                    steps + 3);
            assertThrows(IllegalStateException.class, () -> trainer.fit(dies, train, index.split(Split.VALID),
                    trainer.start(started)));
            nanos.addAndGet(3_600_000_000_000L);

            Checkpoints.Resumed resumed = checkpoints.latest(dies).orElseThrow();
            assertEquals(2, resumed.state().epoch());
            assertEquals(1, resumed.state().batchesDone());
            assertEquals(started, resumed.state().history().started());
            Trainer again = new Trainer(training, stream, evaluator, 1, checkpoints,
                    new PrintStream(OutputStream.nullOutputStream()), told::add, nanos::get);
            TrainingOutcome outcome = again.fit(new TickingNetwork(resumed.network(), nanos, 0), train,
                    index.split(Split.VALID), resumed.state()).outcome();

            assertEquals(List.of((double) steps, (double) steps),
                    outcome.epochs().stream().map(EpochRecord::seconds).toList());
            assertEquals(outcome.epochs(), told, "each epoch told once, as the outcome has it");
            // A step takes one tick of a second: epoch 1 trained every clip in `steps` s, the resumed epoch 2 the
            // clips after its first batch in the `steps - 1` s since the resumption.
            assertEquals((double) train.size() / steps, told.get(0).clipsPerSecond(), 1e-9);
            assertEquals((double) (train.size() - BATCH) / (steps - 1), told.get(1).clipsPerSecond(), 1e-9);
            assertEquals(List.of(0.001, 0.001), told.stream().map(EpochRecord::lr).toList());
        }
    }

    private TrackIndex dataset() {
        return SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(20, 1.0, 8000, 6));
    }

    private static MelSpectrogram mel() {
        FeatureConfig features = ConfigLoader.features(null, List.of("features.sample_rate=8000",
                "features.n_fft=256", "features.hop_length=128", "features.n_mels=40"));
        return new MelSpectrogram(features);
    }

    private static ModelSpec spec(TrackIndex index, MelSpectrogram mel) {
        return WidthSolver.solve(Architecture.K2C2, 5_000, 40, mel.frames(CHUNK), index.vocabulary().size());
    }

    /** Adam at {@code lr} for {@code epochs} epochs, batches of four, a checkpoint after every step. */
    private static TrainingConfig training(double lr, int epochs) {
        return new TrainingConfig(EngineName.DL4J, ConventionsName.DL4J, BATCH, epochs, OptimizerConfig.adam(lr),
                new ScheduleConfig("none", 10, 0.1, 3, 0, 80, 20, 0.001, 2), new EarlyStoppingConfig("roc_auc", 0), 1,
                LossName.BCE,
                new AugmentConfig(new UniformRange(0, 0), new UniformRange(0, 0), new UniformRange(1, 1), 0,
                        new SpecAugmentConfig(0, 70, 0, 15, MaskFill.MEAN)));
    }

    private static BatchStream stream(ChunkFeatures features) {
        return new BatchStream(features, CHUNK, PcmSource.decoding(new AudioDecoder(8000)), 1, 1);
    }
}
