package org.tagbench.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One run's scores ranked tag by tag: each tag's tracks in decreasing score order, tied scores grouped, the label
 * of each track alongside. Ranking is the only sort the significance statistics need, so it is done once per run
 * and shared by DeLong's components and every bootstrap resample.
 */
public final class RankedTags {
    /** Bit of a walk entry: the track is a positive of the tag. */
    static final int POSITIVE = 1 << 31;
    /** Bit of a walk entry: the next entry has a lower score (this one closes its group of ties). */
    static final int LAST_OF_TIES = 1 << 30;
    /** Bit of a walk entry: its group of ties holds a positive (as every positive's group does). */
    static final int WITH_POSITIVE = 1 << 29;
    /** Bits of a walk entry holding the track's row. */
    static final int TRACK = WITH_POSITIVE - 1;
    /** Bits per digit of the radix sort: 2,048 counters, six passes at most over a 64-bit key. */
    private static final int RADIX_BITS = 11;

    private final int tracks;
    private final boolean[][] labels;
    private final int[][] walks;
    private final int[] positivesEnd;

    private RankedTags(int tracks, boolean[][] labels, int[][] walks) {
        this.tracks = tracks;
        this.labels = labels;
        this.walks = walks;
        this.positivesEnd = Arrays.stream(walks).mapToInt(RankedTags::positivesEnd).toArray();
    }

    /** Ranks {@code scores[track][tag]} (no NaN) against {@code labels[track][tag]}, tags in column order. */
    public static RankedTags of(double[][] scores, boolean[][] labels) {
        int tracks = scores.length;
        if (tracks == 0 || labels.length != tracks) {
            throw new IllegalArgumentException(tracks + " score rows and " + labels.length
                    + " label rows: expected the same number, 1 or more");
        }
        if (tracks > TRACK) {
            throw new IllegalArgumentException(tracks + " tracks: at most " + TRACK + " can be ranked");
        }
        int tags = scores[0].length;
        boolean[][] byTag = new boolean[tags][tracks];
        double[][] columns = new double[tags][tracks];
        for (int i = 0; i < tracks; i++) {
            if (scores[i].length != tags || labels[i].length != tags) {
                throw new IllegalArgumentException("track " + i + " has " + scores[i].length + " scores and "
                        + labels[i].length + " labels, expected " + tags + " of each");
            }
            for (int j = 0; j < tags; j++) {
                if (Double.isNaN(scores[i][j])) {
                    throw new IllegalArgumentException("score of track " + i + ", tag " + j + " is NaN");
                }
                // + 0.0 turns -0.0 into 0.0: the two tie, as they do for == and in scikit-learn.
                columns[j][i] = scores[i][j] + 0.0;
                byTag[j][i] = labels[i][j];
            }
        }
        int[][] walks = new int[tags][];
        IntStream.range(0, tags).parallel().forEach(j -> walks[j] = walk(columns[j], byTag[j]));
        return new RankedTags(tracks, byTag, walks);
    }

    /** Ranks a run's test scores. */
    public static RankedTags of(TrackScores scores) {
        return of(scores.scores(), scores.labels());
    }

    /** Number of tracks (rows). */
    public int tracks() {
        return tracks;
    }

    /** Number of tags (columns). */
    public int tags() {
        return walks.length;
    }

    /** Whether {@code other} has the same labels, track by track and tag by tag: the condition for pairing runs. */
    public boolean sameLabels(RankedTags other) {
        return Arrays.deepEquals(labels, other.labels);
    }

    boolean[] labels(int tag) {
        return labels[tag];
    }

    /**
     * Tag {@code tag}'s tracks, highest score first, ties in row order: each entry a row with the {@link #POSITIVE},
     * {@link #LAST_OF_TIES} and {@link #WITH_POSITIVE} bits. Callers must not change it.
     */
    int[] walk(int tag) {
        return walks[tag];
    }

    /** The entry after tag {@code tag}'s last group of ties holding a positive: only negatives follow it. */
    int positivesEnd(int tag) {
        return positivesEnd[tag];
    }

    private static int positivesEnd(int[] walk) {
        int end = walk.length;
        while (end > 0 && (walk[end - 1] & WITH_POSITIVE) == 0) {
            end--;
        }
        return end;
    }

    private static int[] walk(double[] column, boolean[] truth) {
        int n = column.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = decreasingKey(column[i]);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        sortIncreasing(keys, rows);
        int[] walk = new int[n];
        int first = 0;
        boolean withPositive = false;
        for (int k = 0; k < n; k++) {
            walk[k] = rows[k] | (truth[rows[k]] ? POSITIVE : 0);
            withPositive |= truth[rows[k]];
            if (k == n - 1 || keys[k] != keys[k + 1]) {
                walk[k] |= LAST_OF_TIES;
                for (int g = first; g <= k && withPositive; g++) {
                    walk[g] |= WITH_POSITIVE;
                }
                first = k + 1;
                withPositive = false;
            }
        }
        return walk;
    }

    /**
     * A key whose unsigned order is the decreasing order of {@code score} (not NaN, and -0.0 made 0.0 before): the
     * bits of a double order like its value once the negatives' magnitude bits are flipped, the sign bit flipped
     * makes that order unsigned, and the complement reverses it. Equal scores, and only they, get equal keys.
     */
    private static long decreasingKey(double score) {
        long bits = Double.doubleToRawLongBits(score);
        return ~(bits ^ ((bits >> 63) & Long.MAX_VALUE) ^ Long.MIN_VALUE);
    }

    /**
     * Sorts {@code keys} into increasing unsigned order and {@code rows} along with them, ties kept in their order:
     * a least-significant-digit radix sort of 11-bit digits, which is stable, skipping digits all keys share (the
     * exponent bits of scores in [0, 1], mostly). The JDK sorts no index array by a key array.
     */
    private static void sortIncreasing(long[] keys, int[] rows) {
        int n = keys.length;
        int digits = (Long.SIZE + RADIX_BITS - 1) / RADIX_BITS;
        int[][] counts = new int[digits][1 << RADIX_BITS];
        for (long key : keys) {
            for (int d = 0; d < digits; d++) {
                counts[d][digit(key, d)]++;
            }
        }
        long[] keysFrom = keys;
        int[] rowsFrom = rows;
        long[] keysTo = new long[n];
        int[] rowsTo = new int[n];
        for (int d = 0; d < digits; d++) {
            int[] start = counts[d];
            if (start[digit(keys[0], d)] == n) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < start.length; b++) {
                int count = start[b];
                start[b] = sum;
                sum += count;
            }
            for (int i = 0; i < n; i++) {
                int to = start[digit(keysFrom[i], d)]++;
                keysTo[to] = keysFrom[i];
                rowsTo[to] = rowsFrom[i];
            }
            long[] keysSwap = keysFrom;
            keysFrom = keysTo;
            keysTo = keysSwap;
            int[] rowsSwap = rowsFrom;
            rowsFrom = rowsTo;
            rowsTo = rowsSwap;
        }
        if (keysFrom != keys) {
            System.arraycopy(keysFrom, 0, keys, 0, n);
            System.arraycopy(rowsFrom, 0, rows, 0, n);
        }
    }

    private static int digit(long key, int d) {
        return (int) (key >>> (d * RADIX_BITS)) & ((1 << RADIX_BITS) - 1);
    }
}
