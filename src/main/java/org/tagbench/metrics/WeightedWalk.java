package org.tagbench.metrics;

import java.util.Arrays;

/**
 * One tag's ROC-AUC and average precision in each of a block of {@value Resamples#PER_BLOCK} resamples, from one
 * pass over the run's ranked tracks weighted by how often each was drawn: as scikit-learn computes them on the
 * resampled tracks, ties forming one threshold. ROC-AUC is the trapezoids between thresholds (kept as a whole
 * number: twice the area times the weighted positives times negatives), average precision the precision at each
 * threshold times the positives gained.
 *
 * <p>Most tracks are negatives outside any group of ties with a positive; the area and the precisions change only
 * at positives, so such a stretch of negatives is summed first, for four resamples per addition of packed 16-bit
 * counts, and applied when the next positive comes. The walk ends at the last positive: the negatives below it
 * are the resample's draws not yet counted, each adding every positive to the area.
 *
 * <p>The counts per resample are doubles holding whole numbers, exact far beyond any count here (2^53), so that the
 * JIT compiles the arithmetic on them to vector instructions; its loops run to a field, not a constant, because a
 * loop of constant length 32 is unrolled instead of vectorised.
 */
final class WeightedWalk {
    private static final int LANES = Resamples.PER_BLOCK;
    private static final int LONGS = Resamples.LONGS_PER_ROW;
    private static final int PER_LONG = Resamples.LANES;
    private static final long LANE = 0xFFFF;
    // Sums of at most this many rows of at most 127 draws fit a 16-bit lane.
    private static final int FLUSH_EVERY = 0xFFFF / Resamples.MOST_DRAWS;

    private final int lanes = LANES;
    private final double[] tp = new double[LANES];
    private final double[] fp = new double[LANES];
    private final double[] area = new double[LANES];
    private final double[] precisionSum = new double[LANES];
    private final double[] groupTp = new double[LANES];
    private final double[] groupFp = new double[LANES];
    /** The packed counts of the current stretch of negatives. */
    private final long[] stretch = new long[LONGS];
    /** One row's counts, or the stretch's, unpacked: one per resample of the block. */
    private final double[] drawn = new double[LANES];

    /**
     * Walks {@code walk} (a tag of {@link RankedTags}, whose positives end at entry {@code positivesEnd}) with the
     * counts of one block of {@link Resamples}, whose resamples drew {@code draws} rows each.
     */
    void run(int[] walk, int positivesEnd, long[] block, double[] draws) {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(area, 0);
        Arrays.fill(precisionSum, 0);
        int pending = 0;
        boolean inGroup = false;
        for (int e = 0; e < positivesEnd; e++) {
            int entry = walk[e];
            int at = (entry & RankedTags.TRACK) * LONGS;
            if ((entry & RankedTags.WITH_POSITIVE) == 0) {
                for (int q = 0; q < LONGS; q++) {
                    stretch[q] += block[at + q];
                }
                if (++pending == FLUSH_EVERY) {
                    negatives();
                    pending = 0;
                }
                continue;
            }
            if (pending > 0) {
                negatives();
                pending = 0;
            }
            boolean last = (entry & RankedTags.LAST_OF_TIES) != 0;
            if (last && !inGroup) {
                positive(block, at);
                continue;
            }
            double[] group = entry < 0 ? groupTp : groupFp;
            unpack(block, at);
            for (int lane = 0; lane < lanes; lane++) {
                group[lane] += drawn[lane];
            }
            inGroup = !last;
            if (last) {
                closeGroup();
            }
        }
        for (int lane = 0; lane < lanes; lane++) {
            drawn[lane] = draws[lane] - tp[lane] - fp[lane];
        }
        negatives(drawn);
    }

    /** ROC-AUC in resample {@code lane} of the block; NaN where the resample holds one class. */
    double rocAuc(int lane) {
        return tp[lane] == 0 || fp[lane] == 0 ? Double.NaN : area[lane] / (2.0 * tp[lane] * fp[lane]);
    }

    /** Average precision in resample {@code lane} of the block; NaN where the resample holds one class. */
    double averagePrecision(int lane) {
        return tp[lane] == 0 || fp[lane] == 0 ? Double.NaN : precisionSum[lane] / tp[lane];
    }

    /** The stretch of negatives, below every positive so far. */
    private void negatives() {
        unpack(stretch, 0);
        Arrays.fill(stretch, 0);
        negatives(drawn);
    }

    /** Negatives drawn {@code counts} times, below every positive so far: each adds those positives to the area. */
    private void negatives(double[] counts) {
        for (int lane = 0; lane < lanes; lane++) {
            double n = counts[lane];
            area[lane] += 2 * n * tp[lane];
            fp[lane] += n;
        }
    }

    /** A positive alone at its score (row at {@code at} of {@code block}): a threshold of its own. */
    private void positive(long[] block, int at) {
        unpack(block, at);
        for (int lane = 0; lane < lanes; lane++) {
            double p = drawn[lane];
            double t = tp[lane] + p;
            tp[lane] = t;
            // Branch-free: a positive drawn 0 times adds 0, and max(1, .) spares 0 / 0 before any track counts.
            precisionSum[lane] += p * t / Math.max(1, t + fp[lane]);
        }
    }

    /** Spreads the packed counts at {@code packed[at]} onward into {@link #drawn}, one per resample. */
    private void unpack(long[] packed, int at) {
        for (int q = 0; q < LONGS; q++) {
            long counts = packed[at + q];
            for (int k = 0; k < PER_LONG; k++) {
                drawn[q * PER_LONG + k] = (counts >>> (16 * k)) & LANE;
            }
        }
    }

    /** A group of tied tracks holding a positive: one threshold, one trapezoid. */
    private void closeGroup() {
        for (int lane = 0; lane < lanes; lane++) {
            area[lane] += groupFp[lane] * (2 * tp[lane] + groupTp[lane]);
            tp[lane] += groupTp[lane];
            fp[lane] += groupFp[lane];
            precisionSum[lane] += groupTp[lane] * tp[lane] / Math.max(1, tp[lane] + fp[lane]);
            groupTp[lane] = 0;
            groupFp[lane] = 0;
        }
    }
}
