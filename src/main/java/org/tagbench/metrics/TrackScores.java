package org.tagbench.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * One split's per-track scores and labels, rows in the same order as the track ids, columns in vocabulary order:
 * what its metrics are computed from, kept so that comparisons can pair runs track by track.
 */
public record TrackScores(List<String> trackIds, double[][] scores, boolean[][] labels) {
    public TrackScores {
        trackIds = List.copyOf(trackIds);
        if (scores.length != trackIds.size() || labels.length != trackIds.size()) {
            throw new IllegalArgumentException(trackIds.size() + " tracks, but " + scores.length + " score rows and "
                    + labels.length + " label rows");
        }
        scores = Arrays.stream(scores).map(double[]::clone).toArray(double[][]::new);
        labels = Arrays.stream(labels).map(boolean[]::clone).toArray(boolean[][]::new);
    }

    /** A copy of the scores, [track][tag]. */
    @Override
    public double[][] scores() {
        return Arrays.stream(scores).map(double[]::clone).toArray(double[][]::new);
    }

    /** A copy of the labels, [track][tag]. */
    @Override
    public boolean[][] labels() {
        return Arrays.stream(labels).map(boolean[]::clone).toArray(boolean[][]::new);
    }
}
