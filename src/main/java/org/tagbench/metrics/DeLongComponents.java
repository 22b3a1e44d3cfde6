package org.tagbench.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * One run's structural components for one tag (DeLong et al. 1988), found from midranks as Sun and Xu (2014) do:
 * for each positive, the share of negatives scored below it (ties counting half), V10; for each negative, the share
 * of positives scored above it, V01. Their means are the ROC-AUC; their spread is its variance. They depend on one
 * run only, so a run's components are computed once and paired with every other run's.
 */
public final class DeLongComponents {
    private final boolean[] labels;
    private final double rocAuc;
    private final double[] positives;
    private final double[] negatives;

    private DeLongComponents(boolean[] labels, double rocAuc, double[] positives, double[] negatives) {
        this.labels = labels;
        this.rocAuc = rocAuc;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * Tag {@code tag}'s components: with m positives and n negatives, Tz the midranks among all tracks, Tx among
     * the positives and Ty among the negatives, V10 = (Tz - Tx) / n, V01 = 1 - (Tz - Ty) / m and
     * AUC = (sum of the positives' Tz - m (m + 1) / 2) / (m n). The ROC-AUC is NaN when the tag has one class.
     */
    public static DeLongComponents of(RankedTags ranked, int tag) {
        boolean[] labels = ranked.labels(tag);
        int[] walk = ranked.walk(tag);
        int tracks = walk.length;
        int m = 0;
        int[] position = new int[tracks];
        for (int i = 0; i < tracks; i++) {
            position[i] = labels[i] ? m++ : i - m;
        }
        int n = tracks - m;
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        double positiveRankSum = 0;
        // Groups of ties from the lowest score up: the ranks below a group are 'below', its own ranks follow.
        int below = 0;
        int positivesBelow = 0;
        int end = tracks;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && (walk[start - 1] & RankedTags.LAST_OF_TIES) == 0) {
                start--;
            }
            int size = end - start;
            int groupPositives = 0;
            for (int k = start; k < end; k++) {
                groupPositives += walk[k] < 0 ? 1 : 0;
            }
            int negativesBelow = below - positivesBelow;
            double tz = below + (size + 1) / 2.0;
            double tx = positivesBelow + (groupPositives + 1) / 2.0;
            double ty = negativesBelow + (size - groupPositives + 1) / 2.0;
            for (int k = start; k < end; k++) {
                int track = walk[k] & RankedTags.TRACK;
                if (walk[k] < 0) {
                    v10[position[track]] = (tz - tx) / n;
                    positiveRankSum += tz;
                } else {
                    v01[position[track]] = 1 - (tz - ty) / m;
                }
            }
            below += size;
            positivesBelow += groupPositives;
            end = start;
        }
        double auc = m == 0 || n == 0 ? Double.NaN : (positiveRankSum - m * (m + 1.0) / 2) / ((double) m * n);
        return new DeLongComponents(labels, auc, v10, v01);
    }

    /**
     * The components of the mean ROC-AUC of several runs of one tag on the same labels (say the seeds of one
     * architecture): the runs' components averaged track by track. DeLong's method covers any linear combination of
     * AUCs, so these test a mean of runs as one run's components test that run.
     */
    public static DeLongComponents mean(List<DeLongComponents> runs) {
        DeLongComponents first = runs.get(0);
        double[] v10 = new double[first.positives.length];
        double[] v01 = new double[first.negatives.length];
        double auc = 0;
        for (DeLongComponents run : runs) {
            if (!run.sameLabels(first)) {
                throw new IllegalArgumentException("the runs' labels differ: a mean of runs needs the same tracks"
                        + " and labels");
            }
            for (int i = 0; i < v10.length; i++) {
                v10[i] += run.positives[i] / runs.size();
            }
            for (int i = 0; i < v01.length; i++) {
                v01[i] += run.negatives[i] / runs.size();
            }
            auc += run.rocAuc / runs.size();
        }
        return new DeLongComponents(first.labels, auc, v10, v01);
    }

    /** ROC-AUC of the tag (NaN when it has one class), the mean of either set of components. */
    public double rocAuc() {
        return rocAuc;
    }

    /** Whether the tag has both classes, so that its ROC-AUC is defined. */
    public boolean defined() {
        return !Double.isNaN(rocAuc);
    }

    boolean sameLabels(DeLongComponents other) {
        return Arrays.equals(labels, other.labels);
    }

    /** V10, one per positive in row order; callers must not change it. */
    double[] positives() {
        return positives;
    }

    /** V01, one per negative in row order; callers must not change it. */
    double[] negatives() {
        return negatives;
    }
}
