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

    private final int tracks;
    private final boolean[][] labels;
    private final int[][] walks;

    private RankedTags(int tracks, boolean[][] labels, int[][] walks) {
        this.tracks = tracks;
        this.labels = labels;
        this.walks = walks;
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

    private static int[] walk(double[] column, boolean[] truth) {
        int n = column.length;
        double[] keys = column.clone();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        sortDecreasing(keys, rows);
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
     * Sorts {@code keys} into decreasing order and {@code rows} along with them, ties kept in their order: a
     * bottom-up merge sort of two primitive arrays, as the JDK sorts no index array by a key array.
     */
    private static void sortDecreasing(double[] keys, int[] rows) {
        int n = keys.length;
        double[] keysFrom = keys;
        int[] rowsFrom = rows;
        double[] keysTo = new double[n];
        int[] rowsTo = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int low = 0; low < n; low += 2 * width) {
                int middle = Math.min(low + width, n);
                int high = Math.min(low + 2 * width, n);
                int i = low;
                int j = middle;
                for (int k = low; k < high; k++) {
                    boolean left = j == high || (i < middle && keysFrom[i] >= keysFrom[j]);
                    keysTo[k] = left ? keysFrom[i] : keysFrom[j];
                    rowsTo[k] = left ? rowsFrom[i++] : rowsFrom[j++];
                }
            }
            double[] keysSwap = keysFrom;
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
}
