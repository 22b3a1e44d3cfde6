package org.tagbench.config;

import java.util.List;

/**
 * How the learning rate changes between epochs ({@code name}, default {@code none}):
 * {@code step} multiplies it by {@code factor} every {@code step_epochs} epochs; {@code plateau} multiplies it by
 * {@code factor} after {@code patience} epochs without a better validation score, not below {@code min_lr};
 * {@code adam_then_sgd} is the sota-music-tagging-models schedule: Adam for {@code adam_epochs} epochs, then the
 * best weights so far continue with SGD (Nesterov momentum 0.9, the optimizer's weight decay) at {@code sgd_lr},
 * and every {@code sgd_epochs} epochs the best weights are reloaded and the rate multiplied by {@code factor},
 * {@code drops} times. Defaults: step_epochs 10, factor 0.1, patience 3, min_lr 1e-6, adam_epochs 80,
 * sgd_epochs 20, sgd_lr 0.001, drops 2.
 */
public record ScheduleConfig(String name, int stepEpochs, double factor, int patience, double minLr,
                             int adamEpochs, int sgdEpochs, double sgdLr, int drops) {
    private static final List<String> KNOWN = List.of("none", "step", "plateau", "adam_then_sgd");

    /** Checks the name and every value's range. */
    public ScheduleConfig {
        if (!KNOWN.contains(name)) {
            throw new ConfigException("name", Require.quoted(name) + " is not a schedule (known: "
                    + String.join(", ", KNOWN) + ")");
        }
        Require.positive("step_epochs", stepEpochs);
        if (!(factor > 0 && factor < 1)) {
            throw new ConfigException("factor", "must be in (0, 1), got " + factor);
        }
        Require.positive("patience", patience);
        Require.atLeast("min_lr", minLr, 0);
        Require.positive("adam_epochs", adamEpochs);
        Require.positive("sgd_epochs", sgdEpochs);
        Require.positive("sgd_lr", sgdLr);
        Require.atLeast("drops", drops, 0);
    }
}
