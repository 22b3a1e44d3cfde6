package org.tagbench.engine;

/**
 * How batch normalization trains: it normalises with the batch's mean and biased variance plus {@code epsilon}, and
 * moves its running statistics towards the batch's, running = keptShare * running + (1 - keptShare) * batch, the
 * running variance taking the batch variance as {@code runningVariance} estimates it. PyTorch's {@code momentum}
 * is the new batch's share (0.1 kept as 0.9); Keras's {@code momentum} and DL4J's {@code decay} are the share kept.
 *
 * @param keptShare the share of the running statistics kept at each training step
 * @param epsilon added to the variance before its square root
 * @param runningVariance the batch variance the running variance is fed
 */
public record BatchNormConvention(double keptShare, double epsilon, RunningVariance runningVariance) {

    /** The batch variance fed to the running variance, from n values per feature. */
    public enum RunningVariance {
        /** The mean squared deviation (divided by n), the one the layer normalises with. */
        BIASED,
        /** With Bessel's correction (divided by n - 1). */
        UNBIASED;

        /** The factor from the biased batch variance of {@code n} values to this one. */
        public double fromBiased(long n) {
            return this == BIASED ? 1 : n / (n - 1.0);
        }
    }

    /** The new batch's share of the running statistics (PyTorch's momentum). */
    public double newShare() {
        return 1 - keptShare;
    }
}
