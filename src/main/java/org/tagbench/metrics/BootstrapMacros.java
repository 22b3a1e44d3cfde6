package org.tagbench.metrics;

import java.util.stream.IntStream;

/**
 * One run's macro ROC-AUC and PR-AUC (average precision) on the observed tracks and on each bootstrap resample.
 * A resample weights each track by how often it was drawn, which for these metrics is the same as repeating the
 * track: one weighted pass over the run's ranked tracks per tag and resample, no sort.
 *
 * <p>As in {@link TagMetrics}, the macro means cover the tags defined in the sample: a tag whose resample holds one
 * class only (say a rare tag none of whose positives was drawn) is left out of that resample's means. A resample
 * with no defined tag has NaN means.
 */
public final class BootstrapMacros {
    private final RankedTags ranked;
    private final Resamples resamples;
    private final double observedRocAuc;
    private final double observedPrAuc;
    private final double[] rocAuc;
    private final double[] prAuc;

    private BootstrapMacros(RankedTags ranked, Resamples resamples, double[] observed, double[] rocAuc,
                            double[] prAuc) {
        this.ranked = ranked;
        this.resamples = resamples;
        this.observedRocAuc = observed[0];
        this.observedPrAuc = observed[1];
        this.rocAuc = rocAuc;
        this.prAuc = prAuc;
    }

    /** The run's macro means on the observed tracks and on each of {@code resamples}, on all cores. */
    public static BootstrapMacros of(RankedTags ranked, Resamples resamples) {
        if (resamples.tracks() != ranked.tracks()) {
            throw new IllegalArgumentException("resamples of " + resamples.tracks() + " tracks for a run of "
                    + ranked.tracks() + " tracks");
        }
        int tags = ranked.tags();
        int count = resamples.count();
        // [tag][resample] per-tag metrics, each tag on its own thread: which thread runs it changes no number.
        double[][] tagRoc = new double[tags][count];
        double[][] tagPr = new double[tags][count];
        IntStream.range(0, tags).parallel().forEach(j -> {
            double[] pair = new double[2];
            for (int r = 0; r < count; r++) {
                weighted(ranked.walk(j), resamples.draws(r), pair);
                tagRoc[j][r] = pair[0];
                tagPr[j][r] = pair[1];
            }
        });
        double[] rocAuc = new double[count];
        double[] prAuc = new double[count];
        double[] column = new double[tags];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < tags; j++) {
                column[j] = tagRoc[j][r];
            }
            rocAuc[r] = definedMean(column);
            for (int j = 0; j < tags; j++) {
                column[j] = tagPr[j][r];
            }
            prAuc[r] = definedMean(column);
        }
        byte[] once = Resamples.observed(ranked.tracks());
        double[] observedRoc = new double[tags];
        double[] observedPr = new double[tags];
        double[] pair = new double[2];
        for (int j = 0; j < tags; j++) {
            weighted(ranked.walk(j), once, pair);
            observedRoc[j] = pair[0];
            observedPr[j] = pair[1];
        }
        return new BootstrapMacros(ranked, resamples, new double[] {definedMean(observedRoc), definedMean(observedPr)},
                rocAuc, prAuc);
    }

    /** Macro ROC-AUC on the observed tracks. */
    public double observedRocAuc() {
        return observedRocAuc;
    }

    /** Macro PR-AUC on the observed tracks. */
    public double observedPrAuc() {
        return observedPrAuc;
    }

    /** Macro ROC-AUC of each resample, in resample order (a copy). */
    public double[] rocAuc() {
        return rocAuc.clone();
    }

    /** Macro PR-AUC of each resample, in resample order (a copy). */
    public double[] prAuc() {
        return prAuc.clone();
    }

    /** The resamples these means were computed on. */
    public Resamples resamples() {
        return resamples;
    }

    /** Whether {@code other} was computed on the same resamples of the same labelled tracks. */
    boolean pairsWith(BootstrapMacros other) {
        return resamples == other.resamples && ranked.sameLabels(other.ranked);
    }

    /*
     * ROC-AUC (trapezoids between distinct thresholds, the area kept as a whole number: twice its value times
     * m n) and average precision (precision at each threshold times the weighted positives gained) of one tag
     * with tracks weighted by {@code weights}, into result[0] and result[1]; NaN for a single class.
     */
    private static void weighted(int[] walk, byte[] weights, double[] result) {
        long tp = 0;
        long fp = 0;
        long area = 0;
        double precisionSum = 0;
        long groupTp = 0;
        long groupFp = 0;
        for (int entry : walk) {
            long weight = weights[entry & RankedTags.TRACK];
            long positive = entry >>> 31;
            // Branch-free on the label: positives are few and scattered, which defeats branch prediction.
            groupTp += weight & -positive;
            groupFp += weight & (positive - 1);
            if ((entry & RankedTags.LAST_OF_TIES) != 0) {
                area += groupFp * (2 * tp + groupTp);
                tp += groupTp;
                fp += groupFp;
                precisionSum += groupTp * (double) tp / Math.max(1, tp + fp);
                groupTp = 0;
                groupFp = 0;
            }
        }
        if (tp == 0 || fp == 0) {
            result[0] = Double.NaN;
            result[1] = Double.NaN;
        } else {
            result[0] = area / (2.0 * tp * fp);
            result[1] = precisionSum / tp;
        }
    }

    /** Mean of the values that are not NaN, in order; NaN when all are. */
    private static double definedMean(double[] values) {
        double sum = 0;
        int defined = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }
}
