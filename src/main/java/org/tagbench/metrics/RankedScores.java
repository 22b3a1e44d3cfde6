package org.tagbench.metrics;

import java.util.Arrays;

/**
 * Scores in decreasing order, walked group by group of tied scores: the shared basis of ROC-AUC and average
 * precision, which both treat tied scores as one threshold (scikit-learn's rule). The positives' and negatives'
 * scores are sorted apart (primitive sorts) and merged while walking, which is all the walk needs.
 */
final class RankedScores {
    private final double[] positives;
    private final double[] negatives;

    RankedScores(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        int p = 0;
        for (boolean label : labels) {
            p += label ? 1 : 0;
        }
        positives = new double[p];
        negatives = new double[scores.length - p];
        int i = 0;
        int j = 0;
        for (int r = 0; r < scores.length; r++) {
            if (Double.isNaN(scores[r])) {
                throw new IllegalArgumentException("score " + r + " is NaN");
            }
            if (labels[r]) {
                positives[i++] = scores[r];
            } else {
                negatives[j++] = scores[r];
            }
        }
        Arrays.sort(positives);
        Arrays.sort(negatives);
    }

    int positives() {
        return positives.length;
    }

    int negatives() {
        return negatives.length;
    }

    /** Calls {@code visitor} once per distinct threshold, highest first, with the cumulative true and false positives. */
    void forEachThreshold(ThresholdVisitor visitor) {
        long tp = 0;
        long fp = 0;
        int i = positives.length - 1;
        int j = negatives.length - 1;
        while (i >= 0 || j >= 0) {
            double threshold = Math.max(i >= 0 ? positives[i] : Double.NEGATIVE_INFINITY,
                    j >= 0 ? negatives[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && positives[i] == threshold) {
                tp++;
                i--;
            }
            while (j >= 0 && negatives[j] == threshold) {
                fp++;
                j--;
            }
            visitor.visit(tp, fp);
        }
    }

    @FunctionalInterface
    interface ThresholdVisitor {
        void visit(long truePositives, long falsePositives);
    }
}
