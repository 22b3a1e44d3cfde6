package org.tagbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EarlyStoppingConfig;
import org.tagbench.config.EngineName;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.model.WeightArray;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ScheduleConfig;
import org.tagbench.config.TrainingConfig;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.data.Split;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.data.TrackIndex;
import org.tagbench.engine.dl4j.Dl4jNetwork;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;

/** A loss that turns NaN stops training with a one-line message, and the last checkpoint is the last good step. */
class TrainerTest {
    private static final int CHUNK = 4000;

    @TempDir
    Path dir;

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(20, 1.0, 8000, 6));
        FeatureConfig features = ConfigLoader.features(null, List.of("features.sample_rate=8000",
                "features.n_fft=256", "features.hop_length=128", "features.n_mels=40"));
        MelSpectrogram mel = new MelSpectrogram(features);
        AtomicInteger chunks = new AtomicInteger();
        // The first two batches of four are real log-mel; from the ninth chunk on every value is NaN.
        ChunkFeatures turnsNan = chunk -> {
            float[] out = mel.compute(chunk);
            if (chunks.incrementAndGet() > 8) {
                Arrays.fill(out, Float.NaN);
            }
            return out;
        };
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, 5_000, 40, mel.frames(CHUNK), index.vocabulary().size());
        TrainingConfig training = new TrainingConfig(EngineName.DL4J, ConventionsName.DL4J, 4, 2,
                OptimizerConfig.adam(0.01), new ScheduleConfig("none", 10, 0.1, 3, 0, 80, 20, 0.001, 2),
                new EarlyStoppingConfig("roc_auc", 0), 1);
        Checkpoints checkpoints = new Checkpoints(dir.resolve("run"));
        Dl4jNetwork network = Dl4jNetwork.build(spec, training.optimizer(), TrainingConventions.DL4J, 1);

        try (BatchStream stream = new BatchStream(turnsNan, CHUNK,
                PcmSource.decoding(new AudioDecoder(8000)), 1, 1)) {
            Trainer trainer = new Trainer(training, stream, new Evaluator(stream, 1, 4, index.vocabulary()), 1,
                    checkpoints);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(network,
                    index.split(Split.TRAIN), index.split(Split.VALID), trainer.start()));

            assertEquals("training loss is NaN at epoch 1 step 3: lower training.optimizer.lr (the last good "
                    + "checkpoint is kept in " + dir.resolve("run") + ")", e.getMessage());
        }
        TrainingState kept = checkpoints.latest(network).orElseThrow().state();
        assertEquals(2, kept.globalStep());
        assertEquals(2, kept.batchesDone());
        assertTrue(Double.isFinite(kept.epochLossSum()) && kept.epochLossSum() > 0, "loss sum " + kept.epochLossSum());
        for (WeightArray array : checkpoints.latest(network).orElseThrow().network().weights().arrays().values()) {
            for (float value : array.values()) {
                assertTrue(Float.isFinite(value), "the kept weights are finite");
            }
        }
    }
}
