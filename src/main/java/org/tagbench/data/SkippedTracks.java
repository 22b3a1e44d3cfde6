package org.tagbench.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The tracks a run could not use (missing or unreadable audio), each with its reason, collected from every
 * worker thread. A track skipped once is not tried again in the same run.
 */
public final class SkippedTracks {
    private final ConcurrentMap<Track, String> reasons = new ConcurrentHashMap<>();

    /** Records that {@code track} was skipped because of {@code reason} (the first reason is kept). */
    public void add(Track track, String reason) {
        reasons.putIfAbsent(track, reason);
    }

    /** Whether {@code track} was skipped before. */
    public boolean contains(Track track) {
        return reasons.containsKey(track);
    }

    /** Number of skipped tracks of {@code split}. */
    public int count(Split split) {
        return (int) reasons.keySet().stream().filter(t -> t.split() == split).count();
    }

    /** The reasons per split, sorted, with every split present. */
    public Map<Split, List<String>> bySplit() {
        Map<Split, List<String>> out = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            out.put(split, new ArrayList<>());
        }
        reasons.forEach((track, reason) -> out.get(track.split()).add(reason));
        out.values().forEach(Collections::sort);
        return out;
    }

    /**
     * The end-of-run note: the count per split, then the first {@code named} tracks with their reasons (train,
     * valid, test, each sorted), then how many more there are and that {@code listing} holds them all; empty when
     * nothing was skipped.
     */
    public List<String> summary(int named, Path listing) {
        Map<Split, List<String>> bySplit = bySplit();
        List<String> tracks = new ArrayList<>();
        bySplit.forEach((split, reasons) -> reasons.forEach(reason -> tracks.add("  " + split.label() + "  " + reason)));
        if (tracks.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("skipped " + tracks.size() + " missing or unreadable tracks (" + bySplit.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey().label() + " " + e.getValue().size())
                .collect(Collectors.joining(", ")) + "):");
        lines.addAll(tracks.subList(0, Math.min(named, tracks.size())));
        if (tracks.size() > named) {
            lines.add("  and " + (tracks.size() - named) + " more, listed in " + listing);
        }
        return lines;
    }

    /** The error for a split none of whose tracks could be used, with a count and an example reason. */
    public DatasetException noUsableTracks(Split split) {
        List<String> reasons = bySplit().get(split);
        return new DatasetException("the " + split.label() + " split has no usable tracks (" + reasons.size()
                + " missing or unreadable" + (reasons.isEmpty() ? "" : ", e.g. " + reasons.get(0)) + ")");
    }
}
