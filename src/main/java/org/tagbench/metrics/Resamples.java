package org.tagbench.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap resamples of a split's tracks: each resample draws as many track rows as there are, with replacement.
 * Kept as how often each row was drawn, which is all the ranked walks need, and shared by every run compared on
 * those tracks, so that all runs see the same resamples.
 */
public final class Resamples {
    /** The number of resamples a comparison draws unless told otherwise. */
    public static final int DEFAULT_COUNT = 1000;

    private final int tracks;
    private final byte[][] draws;

    private Resamples(int tracks, byte[][] draws) {
        this.tracks = tracks;
        this.draws = draws;
    }

    /** {@code count} resamples of {@code tracks} rows from one generator seeded with {@code seed}. */
    public static Resamples draw(int tracks, int count, long seed) {
        if (tracks < 1 || count < 1) {
            throw new IllegalArgumentException(tracks + " tracks, " + count + " resamples: expected 1 or more each");
        }
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] draws = new byte[count][tracks];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < tracks; i++) {
                add(draws[r], random.nextInt(tracks), r);
            }
        }
        return new Resamples(tracks, draws);
    }

    /** Given resamples, each {@code tracks} rows in [0, tracks): to replay another implementation's resamples. */
    public static Resamples of(int tracks, int[][] rows) {
        if (tracks < 1 || rows.length < 1) {
            throw new IllegalArgumentException(tracks + " tracks, " + rows.length
                    + " resamples: expected 1 or more each");
        }
        byte[][] draws = new byte[rows.length][tracks];
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
                add(draws[r], row, r);
            }
        }
        return new Resamples(tracks, draws);
    }

    /** The split with every track once: the observed sample. */
    static byte[] observed(int tracks) {
        byte[] once = new byte[tracks];
        Arrays.fill(once, (byte) 1);
        return once;
    }

    /** Number of tracks per resample. */
    public int tracks() {
        return tracks;
    }

    /** Number of resamples. */
    public int count() {
        return draws.length;
    }

    /** How often resample {@code r} drew each row; callers must not change it. */
    byte[] draws(int r) {
        return draws[r];
    }

    // A byte per row keeps a resample within the first-level cache (28 kB for 28,000 tracks); a row drawn 128
    // times in one resample of n rows has probability about n / 128!, so this limit is never met by chance.
    private static void add(byte[] draws, int row, int resample) {
        if (draws[row] == Byte.MAX_VALUE) {
            throw new IllegalArgumentException("resample " + resample + " draws row " + row + " more than "
                    + Byte.MAX_VALUE + " times");
        }
        draws[row]++;
    }
}
