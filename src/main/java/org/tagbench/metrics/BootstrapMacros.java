package org.tagbench.metrics;

import java.util.List;
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
        // [tag][resample] per-tag metrics. A block of resamples per task, all tags inside it, so that the block's
        // counts stay in cache across tags; which thread runs a block changes no number.
        double[][] tagRoc = new double[tags][count];
        double[][] tagPr = new double[tags][count];
        IntStream.range(0, resamples.blocks()).parallel().forEach(b -> {
            WeightedWalk walk = new WeightedWalk();
            double[] draws = resamples.draws(b);
            for (int j = 0; j < tags; j++) {
                walk.run(ranked.walk(j), ranked.positivesEnd(j), resamples.block(b), draws);
                for (int k = 0; k < Resamples.PER_BLOCK && b * Resamples.PER_BLOCK + k < count; k++) {
                    tagRoc[j][b * Resamples.PER_BLOCK + k] = walk.rocAuc(k);
                    tagPr[j][b * Resamples.PER_BLOCK + k] = walk.averagePrecision(k);
                }
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
        long[] once = Resamples.observed(ranked.tracks());
        double[] onceDrawn = Resamples.observedDraws(ranked.tracks());
        double[] observedRoc = new double[tags];
        double[] observedPr = new double[tags];
        WeightedWalk walk = new WeightedWalk();
        for (int j = 0; j < tags; j++) {
            walk.run(ranked.walk(j), ranked.positivesEnd(j), once, onceDrawn);
            observedRoc[j] = walk.rocAuc(0);
            observedPr[j] = walk.averagePrecision(0);
        }
        return new BootstrapMacros(ranked, resamples, new double[] {definedMean(observedRoc), definedMean(observedPr)},
                rocAuc, prAuc);
    }

    /**
     * The mean of several runs' macros (say the seeds of one architecture), on the observed tracks and resample by
     * resample; the runs must share resamples and labels.
     */
    public static BootstrapMacros mean(List<BootstrapMacros> runs) {
        BootstrapMacros first = runs.get(0);
        double[] observed = new double[2];
        double[] rocAuc = new double[first.rocAuc.length];
        double[] prAuc = new double[first.prAuc.length];
        for (BootstrapMacros run : runs) {
            if (!run.pairsWith(first)) {
                throw new IllegalArgumentException("the runs were not resampled together: a mean of runs needs the"
                        + " same resamples of the same labelled tracks");
            }
            observed[0] += run.observedRocAuc / runs.size();
            observed[1] += run.observedPrAuc / runs.size();
            for (int r = 0; r < rocAuc.length; r++) {
                rocAuc[r] += run.rocAuc[r] / runs.size();
                prAuc[r] += run.prAuc[r] / runs.size();
            }
        }
        return new BootstrapMacros(first.ranked, first.resamples, observed, rocAuc, prAuc);
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

    /** Whether {@code other} was computed on the same resamples of the same labelled tracks. */
    boolean pairsWith(BootstrapMacros other) {
        return resamples == other.resamples && ranked.sameLabels(other.ranked);
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
