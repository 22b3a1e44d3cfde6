package org.tagbench.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DatasetScan} found, per split in split order, and the tracks that could not be used. Written as
 * JSON by {@code tagbench data check --json}, with snake_case keys.
 */
public record DatasetReport(Map<String, SplitReport> splits, List<BadTrack> badTracks) {
    public DatasetReport {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        badTracks = List.copyOf(badTracks);
    }

    /** Whether any track was missing or unreadable. */
    public boolean hasProblems() {
        return !badTracks.isEmpty();
    }

    /**
     * One split: tracks listed, audio files found and missing, found but unreadable, usable; the usable tracks'
     * durations (null when none is usable); positives per tag among the usable tracks, and the tags with none.
     */
    public record SplitReport(int tracks, int found, int missing, int unreadable, int usable, Durations durations,
                              Map<String, Integer> positives, List<String> tagsWithoutPositives) {
        public SplitReport {
            positives = Collections.unmodifiableMap(new LinkedHashMap<>(positives));
            tagsWithoutPositives = List.copyOf(tagsWithoutPositives);
        }
    }

    /** Duration statistics in seconds. */
    public record Durations(double min, double median, double mean, double max) {
        /** The statistics of {@code seconds}, or null when there are none. */
        public static Durations of(List<Double> seconds) {
            if (seconds.isEmpty()) {
                return null;
            }
            double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Durations(sorted[0], median, Arrays.stream(sorted).average().orElseThrow(),
                    sorted[n - 1]);
        }
    }

    /** A track that could not be used: {@code kind} is {@code missing} or {@code unreadable}. */
    public record BadTrack(String split, String id, String path, String kind, String problem) {
    }
}
