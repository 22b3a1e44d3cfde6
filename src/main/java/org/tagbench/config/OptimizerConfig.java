package org.tagbench.config;

import java.util.List;

/**
 * The optimizer: {@code adam} (betas {@code beta1}, {@code beta2}) or {@code sgd} with Nesterov momentum
 * {@code momentum}; {@code lr} (default 0.001) and {@code weight_decay} (default 0, as L2 added to the gradient
 * of every weight and bias, PyTorch's coupled form) apply to both. DL4J has no classical (non-Nesterov)
 * momentum, so {@code nesterov: false} needs {@code momentum: 0}.
 */
public record OptimizerConfig(String name, double lr, double beta1, double beta2, double weightDecay,
                              double momentum, boolean nesterov) {
    private static final List<String> KNOWN = List.of("adam", "sgd");

    /** Checks the name and every value's range. */
    public OptimizerConfig {
        if (!KNOWN.contains(name)) {
            throw new ConfigException("name", Require.quoted(name) + " is not an optimizer (known: "
                    + String.join(", ", KNOWN) + ")");
        }
        Require.positive("lr", lr);
        Require.inUnitInterval("beta1", beta1);
        Require.inUnitInterval("beta2", beta2);
        Require.atLeast("weight_decay", weightDecay, 0);
        Require.inUnitInterval("momentum", momentum);
        if (!nesterov && momentum > 0) {
            throw new ConfigException("nesterov", "false needs momentum: 0 (DL4J has Nesterov momentum only)");
        }
    }

    /** Adam at {@code lr} with the usual betas (0.9, 0.999) and no weight decay. */
    public static OptimizerConfig adam(double lr) {
        return new OptimizerConfig("adam", lr, 0.9, 0.999, 0, 0.9, true);
    }

    /** This optimizer at another learning rate. */
    public OptimizerConfig withLr(double newLr) {
        return new OptimizerConfig(name, newLr, beta1, beta2, weightDecay, momentum, nesterov);
    }
}
