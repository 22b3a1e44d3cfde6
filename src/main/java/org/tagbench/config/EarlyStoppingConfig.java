package org.tagbench.config;

import java.util.List;

/**
 * When training stops before {@code max_epochs}: after {@code patience} epochs in a row without a better
 * validation {@code monitor} score ({@code roc_auc}, the macro ROC-AUC, higher is better; or {@code loss}, lower
 * is better). The monitor also picks the best epoch, whose weights become the run's model. Defaults: roc_auc,
 * patience 10; patience 0 never stops early.
 */
public record EarlyStoppingConfig(String monitor, int patience) {
    private static final List<String> MONITORS = List.of("roc_auc", "loss");

    /** Checks the monitor and patience. */
    public EarlyStoppingConfig {
        if (!MONITORS.contains(monitor)) {
            throw new ConfigException("monitor", Require.quoted(monitor) + " is not a monitor (known: "
                    + String.join(", ", MONITORS) + ")");
        }
        Require.atLeast("patience", patience, 0);
    }
}
