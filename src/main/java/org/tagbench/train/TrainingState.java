package org.tagbench.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where training stands after a finished step, enough to continue exactly from there: the current epoch
 * (1-based), the batches of its plan already taken (including any whose tracks were all skipped), the steps made
 * on them, their summed loss and the seconds spent on the epoch so far, the global step, every finished epoch's
 * record, the best epoch so far (0 before the first) with its monitored score, the epochs since it, the
 * learning-rate schedule, and the run's history (when it started, when it was resumed).
 */
public record TrainingState(int epoch, int batchesDone, int epochSteps, double epochLossSum, double epochSeconds,
                            long globalStep, List<EpochRecord> epochs, int bestEpoch, double bestScore,
                            int epochsSinceBest, LearningRate rate, RunHistory history) {
    public TrainingState {
        epochs = List.copyOf(epochs);
    }

    /** The state before the first step of a run started at {@code started}. */
    static TrainingState start(LearningRate rate, Instant started) {
        return new TrainingState(1, 0, 0, 0, 0, 0, List.of(), 0, 0, 0, rate, RunHistory.startedAt(started));
    }

    /** This state after one more step with loss {@code loss}. */
    TrainingState afterStep(double loss) {
        return new TrainingState(epoch, batchesDone + 1, epochSteps + 1, epochLossSum + loss, epochSeconds,
                globalStep + 1, epochs, bestEpoch, bestScore, epochsSinceBest, rate, history);
    }

    /** This state after a batch of the plan that had no usable track. */
    TrainingState afterEmptyBatch() {
        return new TrainingState(epoch, batchesDone + 1, epochSteps, epochLossSum, epochSeconds, globalStep, epochs,
                bestEpoch, bestScore, epochsSinceBest, rate, history);
    }

    /** This state with {@code seconds} spent on the current epoch so far. */
    TrainingState timed(double seconds) {
        return new TrainingState(epoch, batchesDone, epochSteps, epochLossSum, seconds, globalStep, epochs,
                bestEpoch, bestScore, epochsSinceBest, rate, history);
    }

    /**
     * The state before the next epoch, after this one ended with {@code record}, did ({@code improved}) or did not
     * beat the best monitored score with {@code score}, and left the schedule at {@code next}.
     */
    TrainingState afterEpoch(EpochRecord record, boolean improved, double score, LearningRate next) {
        List<EpochRecord> all = new ArrayList<>(epochs);
        all.add(record);
        return new TrainingState(epoch + 1, 0, 0, 0, 0, globalStep, all, improved ? record.epoch() : bestEpoch,
                improved ? score : bestScore, improved ? 0 : epochsSinceBest + 1, next, history);
    }

    /** This state continued after {@code resumption}, at the learning rate the resumption set. */
    public TrainingState resumed(Resumption resumption) {
        return new TrainingState(epoch, batchesDone, epochSteps, epochLossSum, epochSeconds, globalStep, epochs,
                bestEpoch, bestScore, epochsSinceBest, rate.withLr(resumption.lrAfter()), history.with(resumption));
    }
}
