package org.tagbench.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tagbench.config.TrainingConfig;
import org.tagbench.data.Batch;
import org.tagbench.data.BatchStream;
import org.tagbench.data.OrderedPrefetch;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.engine.Dl4jNetwork;
import org.tagbench.progress.Progress;

/**
 * The training loop: epochs of random crops, validation after each epoch, and the best epoch's weights
 * (highest validation macro ROC-AUC) kept as the run's model.
 */
public final class Trainer {
    private final TrainingConfig training;
    private final BatchStream stream;
    private final Evaluator evaluator;
    private final long seed;

    /** A trainer drawing batches from {@code stream} and validating with {@code evaluator}. */
    public Trainer(TrainingConfig training, BatchStream stream, Evaluator evaluator, long seed) {
        this.training = training;
        this.stream = stream;
        this.evaluator = evaluator;
        this.seed = seed;
    }

    /**
     * Trains {@code network} on the {@code train} tracks in place and leaves it holding the weights of the epoch
     * that scored best on the {@code valid} tracks.
     */
    public TrainingOutcome fit(Dl4jNetwork network, List<Track> train, List<Track> valid) {
        List<EpochRecord> epochs = new ArrayList<>();
        INDArray best = null;
        int bestEpoch = 0;
        double bestAuc = Double.NEGATIVE_INFINITY;
        for (int epoch = 1; epoch <= training.maxEpochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int steps = 0;
            String label = String.format(Locale.ROOT, "epoch %d/%d", epoch, training.maxEpochs());
            try (Progress progress = Progress.start(label, train.size(), "clips");
                 OrderedPrefetch<Batch> batches = stream.trainingEpoch(train, training.batchSize(), seed, epoch)) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    double loss = network.fit(batch);
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException("training loss is " + loss + " at epoch " + epoch
                                + " step " + (steps + 1) + ": lower training.optimizer.lr");
                    }
                    lossSum += loss;
                    steps++;
                    progress.status(String.format(Locale.ROOT, "loss %.4f", lossSum / steps));
                    progress.advance(batch.rows());
                }
            }
            if (steps == 0) {
                throw stream.skipped().noUsableTracks(Split.TRAIN);
            }
            Evaluation validation = evaluator.evaluate(network, valid);
            double auc = validation.metrics().rocAucMacro();
            EpochRecord record = new EpochRecord(epoch, lossSum / steps, validation.loss(), auc,
                    (System.nanoTime() - start) / 1e9);
            epochs.add(record);
            System.err.printf(Locale.ROOT, "epoch %d: train loss %.4f  val loss %.4f  val ROC-AUC %.4f  %.1f s%n",
                    epoch, record.trainLoss(), record.validLoss(), auc, record.seconds());
            if (best == null || auc > bestAuc) {
                bestAuc = auc;
                bestEpoch = epoch;
                best = network.snapshot();
            }
        }
        if (best != null) {
            network.restore(best);
        }
        return new TrainingOutcome(epochs, bestEpoch);
    }
}
