package org.tagbench.train;

import java.util.List;

/**
 * Where training stands after a finished step, enough to continue exactly from there: the current epoch
 * (1-based), the batches of its plan already taken (including any whose tracks were all skipped), the steps made
 * on them and their summed loss, the global step, every finished epoch's
 * record, the best epoch so far (0 before the first) with its monitored score, the epochs since it, and the learning-rate schedule.
 */
public record TrainingState(int epoch, int batchesDone, int epochSteps, double epochLossSum, long globalStep,
                            List<EpochRecord> epochs, int bestEpoch, double bestScore, int epochsSinceBest,
                            LearningRate rate) {
    public TrainingState {
        epochs = List.copyOf(epochs);
    }

    /** The state before the first step. */
    static TrainingState start(LearningRate rate) {
        return new TrainingState(1, 0, 0, 0, 0, List.of(), 0, 0, 0, rate);
    }

    /** This state after one more step with loss {@code loss}. */
    TrainingState afterStep(double loss) {
        return new TrainingState(epoch, batchesDone + 1, epochSteps + 1, epochLossSum + loss, globalStep + 1,
                epochs, bestEpoch, bestScore, epochsSinceBest, rate);
    }

    /** This state after a batch of the plan that had no usable track. */
    TrainingState afterEmptyBatch() {
        return new TrainingState(epoch, batchesDone + 1, epochSteps, epochLossSum, globalStep, epochs, bestEpoch,
                bestScore, epochsSinceBest, rate);
    }
}
