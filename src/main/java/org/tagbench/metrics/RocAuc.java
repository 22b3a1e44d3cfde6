package org.tagbench.metrics;

/** Area under the ROC curve, trapezoidal over distinct thresholds, as scikit-learn's roc_auc_score. */
public final class RocAuc {
    private RocAuc() {
    }

    /** ROC-AUC of {@code scores} against {@code labels}; NaN when the labels hold a single class (undefined). */
    public static double of(double[] scores, boolean[] labels) {
        RankedScores ranked = new RankedScores(scores, labels);
        double p = ranked.positives();
        double n = ranked.negatives();
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        double[] area = {0};
        long[] previous = {0, 0};
        ranked.forEachThreshold((tp, fp) -> {
            area[0] += (fp - previous[1]) * (tp + previous[0]) / 2.0;
            previous[0] = tp;
            previous[1] = fp;
        });
        return area[0] / (p * n);
    }
}
