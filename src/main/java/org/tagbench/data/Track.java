package org.tagbench.data;

import java.nio.file.Path;

/**
 * One audio file of a dataset with its tag vector (in vocabulary order), its split and its training targets: 1 and 0
 * for the tags it has and has not, or soft labels in [0, 1] (a tag table may hold them), the tag counted as present
 * for the metrics from 0.5 on.
 */
public record Track(String id, Path audio, boolean[] labels, Split split, float[] targets) {
    public Track {
        labels = labels.clone();
        targets = targets.clone();
        if (targets.length != labels.length) {
            throw new IllegalArgumentException("track " + id + " has " + labels.length + " labels and "
                    + targets.length + " targets");
        }
        for (int j = 0; j < labels.length; j++) {
            if (!(targets[j] >= 0 && targets[j] <= 1) || labels[j] != targets[j] >= 0.5f) {
                throw new IllegalArgumentException("track " + id + ": target " + targets[j] + " of tag " + j
                        + " is not in [0, 1] or disagrees with its label " + labels[j]);
            }
        }
    }

    /** A track with hard labels: its targets are 1 for the tags it has, else 0. */
    public Track(String id, Path audio, boolean[] labels, Split split) {
        this(id, audio, labels, split, hard(labels));
    }

    @Override
    public boolean[] labels() {
        return labels.clone();
    }

    @Override
    public float[] targets() {
        return targets.clone();
    }

    /** Whether the track carries tag {@code i}. */
    public boolean hasTag(int i) {
        return labels[i];
    }

    private static float[] hard(boolean[] labels) {
        float[] targets = new float[labels.length];
        for (int j = 0; j < labels.length; j++) {
            targets[j] = labels[j] ? 1 : 0;
        }
        return targets;
    }
}
