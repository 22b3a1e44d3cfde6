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

    /*
     * Sorting the bare scores (a primitive sort) and finding each row's group by binary search places every row
     * without a comparator sort of boxed indices; rows of one group are placed in row order.
     */
    private static int[] walk(double[] column, boolean[] truth) {
        int n = column.length;
        double[] ascending = column.clone();
        Arrays.sort(ascending);
        int[] filled = new int[n];
        int[] walk = new int[n];
        for (int i = 0; i < n; i++) {
            int top = n - above(ascending, column[i]);
            walk[top + filled[top]++] = i | (truth[i] ? POSITIVE : 0);
        }
        int first = 0;
        boolean withPositive = false;
        for (int k = 0; k < n; k++) {
            withPositive |= walk[k] < 0;
            if (k == n - 1 || ascending[n - 1 - k] != ascending[n - 2 - k]) {
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

    /** Index of the first value above {@code score} in {@code ascending}. */
    private static int above(double[] ascending, double score) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ascending[middle] <= score) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
