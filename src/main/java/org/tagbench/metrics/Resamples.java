package org.tagbench.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap resamples of a split's tracks: each resample draws as many track rows as there are, with replacement.
 * Kept as how often each row was drawn, which is all the ranked walks need, and shared by every run compared on
 * those tracks, so that all runs see the same resamples.
 *
 * <p>The counts are packed for {@link BootstrapMacros}: resamples go in blocks of {@value #PER_BLOCK}, and a row's
 * counts in one block are {@value #LONGS_PER_ROW} longs of four 16-bit lanes, so that one addition of a long adds
 * a row to four resamples at once. The walk reads rows in score order, which is random in memory, so its cost is
 * one cache miss per row and block: 8 longs are one 64-byte cache line, a row's counts for all 32 resamples of a
 * block, and a block of 32 needs a quarter of the passes (and misses) that blocks of 8 did.
 */
public final class Resamples {
    /** Resamples per block. */
    static final int PER_BLOCK = 32;
    /** 16-bit lanes per long. */
    static final int LANES = 4;
    /** Longs per row in a block. */
    static final int LONGS_PER_ROW = PER_BLOCK / LANES;
    /** The most a row may be drawn in one resample. */
    static final int MOST_DRAWS = Byte.MAX_VALUE;

    private final int tracks;
    private final int count;
    private final long[][] blocks;

    private Resamples(int tracks, int count) {
        if (tracks < 1 || count < 1) {
            throw new IllegalArgumentException(tracks + " tracks, " + count + " resamples: expected 1 or more each");
        }
        this.tracks = tracks;
        this.count = count;
        this.blocks = new long[(count + PER_BLOCK - 1) / PER_BLOCK][tracks * LONGS_PER_ROW];
    }

    /** {@code count} resamples of {@code tracks} rows from one generator seeded with {@code seed}. */
    public static Resamples draw(int tracks, int count, long seed) {
        Resamples resamples = new Resamples(tracks, count);
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < tracks; i++) {
                resamples.add(r, random.nextInt(tracks));
            }
        }
        return resamples;
    }

    /** Given resamples, each {@code tracks} rows in [0, tracks): to replay another implementation's resamples. */
    public static Resamples of(int tracks, int[][] rows) {
        Resamples resamples = new Resamples(tracks, rows.length);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != tracks) {
                throw new IllegalArgumentException("resample " + r + " has " + rows[r].length + " rows, expected "
                        + tracks);
            }
            for (int row : rows[r]) {
                if (row < 0 || row >= tracks) {
                    throw new IllegalArgumentException("resample " + r + " draws row " + row + ", expected 0 to "
                            + (tracks - 1));
                }
                resamples.add(r, row);
            }
        }
        return resamples;
    }

    /** The observed split, every row once, as a block whose first resample it is (the others draw nothing). */
    static long[] observed(int tracks) {
        long[] block = new long[tracks * LONGS_PER_ROW];
        for (int i = 0; i < tracks; i++) {
            block[i * LONGS_PER_ROW] = 1;
        }
        return block;
    }

    /** Rows drawn by the observed block's resamples ({@link #observed}): every row in the first, none in the others. */
    static double[] observedDraws(int tracks) {
        double[] draws = new double[PER_BLOCK];
        draws[0] = tracks;
        return draws;
    }

    /** Rows drawn by each resample of block {@code b}: every resample draws as many as there are tracks. */
    double[] draws(int b) {
        double[] draws = new double[PER_BLOCK];
        Arrays.fill(draws, 0, Math.min(PER_BLOCK, count - b * PER_BLOCK), tracks);
        return draws;
    }

    /** Number of tracks per resample. */
    public int tracks() {
        return tracks;
    }

    /** Number of resamples. */
    public int count() {
        return count;
    }

    /** Number of blocks. */
    int blocks() {
        return blocks.length;
    }

    /** Block {@code b}: resamples b * 32 to b * 32 + 31, row i's counts at [i * 8] to [i * 8 + 7]; do not change. */
    long[] block(int b) {
        return blocks[b];
    }

    // The 8-bit limit leaves the walk's 16-bit lanes room to sum hundreds of rows between flushes; a row drawn 128
    // times in one resample of n rows has probability about n / 128!, so no drawn resample ever meets it.
    private void add(int resample, int row) {
        int within = resample % PER_BLOCK;
        int slot = row * LONGS_PER_ROW + within / LANES;
        int shift = 16 * (within % LANES);
        long[] block = blocks[resample / PER_BLOCK];
        if (((block[slot] >>> shift) & 0xFFFF) == MOST_DRAWS) {
            throw new IllegalArgumentException("resample " + resample + " draws row " + row + " more than "
                    + MOST_DRAWS + " times");
        }
        block[slot] += 1L << shift;
    }
}
