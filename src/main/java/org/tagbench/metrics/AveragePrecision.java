package org.tagbench.metrics;

/**
 * PR-AUC as average precision: the sum over distinct thresholds of precision times the recall gained,
 * without interpolation, as scikit-learn's average_precision_score.
 */
public final class AveragePrecision {
    private AveragePrecision() {
    }

    /** Average precision of {@code scores} against {@code labels}; NaN when the labels hold a single class. */
    public static double of(double[] scores, boolean[] labels) {
        RankedScores ranked = new RankedScores(scores, labels);
        double p = ranked.positives();
        if (p == 0 || ranked.negatives() == 0) {
            return Double.NaN;
        }
        double[] sum = {0};
        long[] previousTp = {0};
        ranked.forEachThreshold((tp, fp) -> {
            sum[0] += (tp - previousTp[0]) / p * ((double) tp / (tp + fp));
            previousTp[0] = tp;
        });
        return sum[0];
    }
}
