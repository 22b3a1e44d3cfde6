package org.tagbench.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scores sorted in decreasing order with their labels, walked group by group of tied scores: the shared basis
 * of ROC-AUC and average precision, which both treat tied scores as one threshold (scikit-learn's rule).
 */
final class RankedScores {
    private final double[] scores;
    private final boolean[] labels;
    private final int positives;

    RankedScores(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        this.scores = new double[scores.length];
        this.labels = new boolean[labels.length];
        int pos = 0;
        for (int r = 0; r < order.length; r++) {
            this.scores[r] = scores[order[r]];
            this.labels[r] = labels[order[r]];
            pos += this.labels[r] ? 1 : 0;
        }
        this.positives = pos;
    }

    int positives() {
        return positives;
    }

    int negatives() {
        return scores.length - positives;
    }

    /** Calls {@code visitor} once per distinct threshold with the cumulative true and false positives. */
    void forEachThreshold(ThresholdVisitor visitor) {
        long tp = 0;
        long fp = 0;
        int r = 0;
        while (r < scores.length) {
            double threshold = scores[r];
            while (r < scores.length && scores[r] == threshold) {
                if (labels[r]) {
                    tp++;
                } else {
                    fp++;
                }
                r++;
            }
            visitor.visit(tp, fp);
        }
    }

    @FunctionalInterface
    interface ThresholdVisitor {
        void visit(long truePositives, long falsePositives);
    }
}
