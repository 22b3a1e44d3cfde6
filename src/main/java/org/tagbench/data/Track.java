package org.tagbench.data;

import java.nio.file.Path;

/** One audio file of a dataset with its tag vector (in vocabulary order) and its split. */
public record Track(String id, Path audio, boolean[] labels, Split split) {
    public Track {
        labels = labels.clone();
    }

    @Override
    public boolean[] labels() {
        return labels.clone();
    }

    /** Whether the track carries tag {@code i}. */
    public boolean hasTag(int i) {
        return labels[i];
    }
}
