package org.tagbench.data;

/**
 * A minibatch in engine-neutral form: {@code rows} chunks' features row-major, [rows, n_mels, frames] of log-mel
 * or [rows, samples] of audio for a network with the mel front end inside, and their labels [rows, tags] as 0/1
 * floats.
 */
public record Batch(float[] features, float[] labels, int rows) {
}
