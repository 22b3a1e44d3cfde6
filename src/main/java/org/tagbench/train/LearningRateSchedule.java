package org.tagbench.train;

import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ScheduleConfig;

/** The learning-rate schedules of {@link ScheduleConfig}, as a step from one epoch's state to the next. */
final class LearningRateSchedule {
    private final ScheduleConfig config;
    private final OptimizerConfig optimizer;

    LearningRateSchedule(ScheduleConfig config, OptimizerConfig optimizer) {
        this.config = config;
        this.optimizer = optimizer;
    }

    /** The state before the first epoch: the configured optimizer at its rate. */
    LearningRate initial() {
        return new LearningRate(optimizer.name(), optimizer.lr(), 0, 0);
    }

    /** The optimizer settings that {@code rate} stands for. */
    OptimizerConfig optimizer(LearningRate rate) {
        if (rate.optimizer().equals(optimizer.name())) {
            return optimizer.withLr(rate.lr());
        }
        return new OptimizerConfig(rate.optimizer(), rate.lr(), optimizer.beta1(), optimizer.beta2(),
                optimizer.weightDecay(), 0.9, true);
    }

    /** The state after an epoch that did ({@code improved}) or did not beat the best validation score. */
    Change afterEpoch(LearningRate rate, boolean improved) {
        int phase = rate.phaseEpochs() + 1;
        return switch (config.name()) {
            case "step" -> phase == config.stepEpochs()
                    ? new Change(scaled(rate, 0), false)
                    : new Change(counted(rate, phase), false);
            case "plateau" -> {
                int bad = improved ? 0 : phase;
                boolean reduce = bad >= config.patience() && rate.lr() > config.minLr();
                yield new Change(reduce ? scaled(rate, 0) : counted(rate, bad), false);
            }
            case "adam_then_sgd" -> adamThenSgd(rate, phase);
            default -> new Change(counted(rate, phase), false);
        };
    }

    private Change adamThenSgd(LearningRate rate, int phase) {
        if (rate.optimizer().equals("adam") && phase == config.adamEpochs()) {
            return new Change(new LearningRate("sgd", config.sgdLr(), 0, 0), true);
        }
        if (rate.optimizer().equals("sgd") && phase == config.sgdEpochs() && rate.drops() < config.drops()) {
            return new Change(scaled(rate, 0), true);
        }
        return new Change(counted(rate, phase), false);
    }

    private LearningRate scaled(LearningRate rate, int phase) {
        return new LearningRate(rate.optimizer(), Math.max(config.minLr(), rate.lr() * config.factor()), phase,
                rate.drops() + 1);
    }

    private static LearningRate counted(LearningRate rate, int phase) {
        return new LearningRate(rate.optimizer(), rate.lr(), phase, rate.drops());
    }

    /** The next state, and whether training continues from the best weights so far. */
    record Change(LearningRate next, boolean reloadBest) {
    }
}
