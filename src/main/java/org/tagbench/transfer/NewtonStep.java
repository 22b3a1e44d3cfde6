package org.tagbench.transfer;

import java.util.function.ToDoubleFunction;

/**
 * Where a damped Newton step lands: the step is halved until the objective falls by Armijo's sufficient decrease
 * (1e-4 of the slope), so a full step is taken near the optimum and a shorter
 * one far from it.
 *
 * @param theta the parameters after the step
 * @param loss the objective there
 */
record NewtonStep(double[] theta, double loss) {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;

    /**
     * The step from {@code theta} (objective {@code loss}) against the direction {@code step}, whose slope along the
     * gradient is {@code slope}; the last halving's point when none decreases enough.
     */
    static NewtonStep from(double[] theta, double loss, double[] step, double slope,
                           ToDoubleFunction<double[]> objective) {
        double t = 1;
        double[] next = new double[theta.length];
        double nextLoss = Double.POSITIVE_INFINITY;
        for (int halving = 0; halving < MAX_HALVINGS; halving++, t /= 2) {
            for (int a = 0; a < theta.length; a++) {
                next[a] = theta[a] - t * step[a];
            }
            nextLoss = objective.applyAsDouble(next);
            if (nextLoss <= loss - ARMIJO * t * slope) {
                break;
            }
        }
        return new NewtonStep(next, nextLoss);
    }
}
