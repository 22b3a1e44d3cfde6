package org.tagbench.metrics;

/**
 * DeLong's test for two correlated ROC curves: two runs scored on the same tracks, one tag. The AUC estimates'
 * variances and covariance are S10 / m + S01 / n from the sample covariances (denominators m - 1 and n - 1) of
 * the structural components of the m positives and n negatives, and z = (AUC a - AUC b) / sd of the difference,
 * with a two-sided normal p-value.
 *
 * <p>A tag with one class is undefined: every field but the counts is NaN. A tag with one positive or one negative
 * has AUCs but no variance estimate, so z and p are NaN: it is not tested either. Two curves whose difference has
 * zero variance (identical components up to a constant) get z = 0 and p = 1 when the AUCs are equal, and
 * z = ±infinity and p = 0 otherwise.
 */
public record DeLongComparison(int positives, int negatives, double rocAucA, double rocAucB, double varianceA,
                         double varianceB, double covariance, double z, double p) {

    /** Tests run a's ROC curve against run b's for one tag; both must come from the same labels. */
    public static DeLongComparison of(DeLongComponents a, DeLongComponents b) {
        if (!a.sameLabels(b)) {
            throw new IllegalArgumentException("the two runs' labels differ: DeLong's test pairs runs on the same"
                    + " tracks and labels");
        }
        int m = a.positives().length;
        int n = a.negatives().length;
        if (!a.defined()) {
            return new DeLongComparison(m, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double varianceA = covariance(a.positives(), a.positives()) / m + covariance(a.negatives(), a.negatives()) / n;
        double varianceB = covariance(b.positives(), b.positives()) / m + covariance(b.negatives(), b.negatives()) / n;
        double covariance = covariance(a.positives(), b.positives()) / m + covariance(a.negatives(), b.negatives()) / n;
        // The difference's variance from the differences of the components: exactly 0 for identical runs, where
        // varianceA + varianceB - 2 covariance may round to a tiny negative number.
        double differenceVariance = differenceVariance(a.positives(), b.positives()) / m
                + differenceVariance(a.negatives(), b.negatives()) / n;
        double difference = a.rocAuc() - b.rocAuc();
        double z;
        if (Double.isNaN(differenceVariance)) {
            z = Double.NaN;
        } else if (differenceVariance == 0) {
            z = difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        } else {
            z = difference / Math.sqrt(differenceVariance);
        }
        return new DeLongComparison(m, n, a.rocAuc(), b.rocAuc(), varianceA, varianceB, covariance, z,
                StandardNormal.twoSidedP(z));
    }

    /** Tests two runs' scores of one tag against the same labels. */
    public static DeLongComparison of(double[] scoresA, double[] scoresB, boolean[] labels) {
        return of(DeLongComponents.of(column(scoresA, labels), 0), DeLongComponents.of(column(scoresB, labels), 0));
    }

    /** AUC a - AUC b. */
    public double difference() {
        return rocAucA - rocAucB;
    }

    /** Whether the tag has both classes in the split. */
    public boolean defined() {
        return !Double.isNaN(rocAucA);
    }

    /** Whether the test was made: the tag is defined and has two or more tracks of each class. */
    public boolean tested() {
        return !Double.isNaN(p);
    }

    private static RankedTags column(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        double[][] matrix = new double[scores.length][1];
        boolean[][] truth = new boolean[scores.length][1];
        for (int i = 0; i < scores.length; i++) {
            matrix[i][0] = scores[i];
            truth[i][0] = labels[i];
        }
        return RankedTags.of(matrix, truth);
    }

    /** Sample covariance (denominator k - 1, NaN for k < 2), two-pass for accuracy. */
    private static double covariance(double[] x, double[] y) {
        int k = x.length;
        if (k < 2) {
            return Double.NaN;
        }
        double meanX = mean(x);
        double meanY = mean(y);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += (x[i] - meanX) * (y[i] - meanY);
        }
        return sum / (k - 1);
    }

    private static double differenceVariance(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return covariance(d, d);
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
