package org.tagbench.data;

/**
 * A minibatch in engine-neutral form: {@code rows} log-mel chunks row-major [rows, n_mels, frames] and their
 * labels [rows, tags] as 0/1 floats.
 */
public record Batch(float[] features, float[] labels, int rows) {
}
