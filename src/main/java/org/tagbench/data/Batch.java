package org.tagbench.data;

import java.util.List;

/**
 * A minibatch in engine-neutral form: {@code rows} chunks' features row-major, [rows, n_mels, frames] of log-mel
 * or [rows, samples] of audio for a network with the mel front end inside, and their labels [rows, tags] as 0/1
 * floats (in between for training batches that mixup mixed).
 */
public record Batch(float[] features, float[] labels, int rows) {

    /** The rows of {@code batches} (each with the same feature and tag sizes), in order, as one batch. */
    public static Batch concat(List<Batch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int rows = batches.stream().mapToInt(Batch::rows).sum();
        float[] features = new float[batches.stream().mapToInt(b -> b.features.length).sum()];
        float[] labels = new float[batches.stream().mapToInt(b -> b.labels.length).sum()];
        int f = 0;
        int l = 0;
        for (Batch b : batches) {
            System.arraycopy(b.features, 0, features, f, b.features.length);
            System.arraycopy(b.labels, 0, labels, l, b.labels.length);
            f += b.features.length;
            l += b.labels.length;
        }
        return new Batch(features, labels, rows);
    }
}
