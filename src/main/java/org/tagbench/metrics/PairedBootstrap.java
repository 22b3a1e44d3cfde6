package org.tagbench.metrics;

import java.util.stream.IntStream;

/**
 * Paired bootstrap over tracks of the difference between two runs' macro ROC-AUC and macro PR-AUC (run a minus run
 * b): both runs are measured on the same resamples, and the 95% interval is the 2.5th to 97.5th percentile of the
 * resampled differences (linear interpolation between order statistics, NumPy's default). Resamples where no tag
 * is defined have no difference and are left out; {@code resamplesUsed} counts the rest.
 */
public record PairedBootstrap(Difference rocAuc, Difference prAuc, int resamplesUsed) {
    /** Percentiles bounding the 95% interval. */
    private static final double LOW = 2.5;
    private static final double HIGH = 97.5;

    /** One metric's observed difference and its percentile interval (NaN ends when no resample was usable). */
    public record Difference(double observed, double low, double high) {
    }

    /** The paired differences of {@code a} minus {@code b}, which must share resamples and labels. */
    public static PairedBootstrap of(BootstrapMacros a, BootstrapMacros b) {
        if (!a.pairsWith(b)) {
            throw new IllegalArgumentException("the two runs were not resampled together: a paired bootstrap needs"
                    + " the same resamples of the same labelled tracks");
        }
        double[] rocDifferences = differences(a.rocAuc(), b.rocAuc());
        double[] prDifferences = differences(a.prAuc(), b.prAuc());
        return new PairedBootstrap(interval(a.observedRocAuc() - b.observedRocAuc(), rocDifferences),
                interval(a.observedPrAuc() - b.observedPrAuc(), prDifferences), rocDifferences.length);
    }

    /** The p-th percentile (0 to 100) of {@code sorted} ascending values, interpolated as NumPy's default. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p / 100;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    private static double[] differences(double[] a, double[] b) {
        return IntStream.range(0, a.length).mapToDouble(r -> a[r] - b[r]).filter(d -> !Double.isNaN(d)).sorted()
                .toArray();
    }

    private static Difference interval(double observed, double[] sorted) {
        return new Difference(observed, percentile(sorted, LOW), percentile(sorted, HIGH));
    }
}
