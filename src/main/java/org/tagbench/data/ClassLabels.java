package org.tagbench.data;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The rule of a multiclass dataset ({@code task: multiclass}): every track has exactly one class. */
public final class ClassLabels {
    private ClassLabels() {
    }

    /** Requires one class per track of {@code index}; the first track with none or several is a one-line error. */
    public static void requireOnePerTrack(TrackIndex index) {
        TagVocabulary classes = index.vocabulary();
        for (Track track : index.tracks()) {
            int[] held = IntStream.range(0, classes.size()).filter(track::hasTag).toArray();
            if (held.length != 1) {
                throw new DatasetException("track " + track.id() + " (" + track.audio() + ") has " + (held.length == 0
                        ? "no class" : held.length + " classes (" + IntStream.of(held).mapToObj(classes::tag)
                        .collect(Collectors.joining(", ")) + ")") + ", but task: multiclass needs exactly one per track");
            }
        }
    }
}
