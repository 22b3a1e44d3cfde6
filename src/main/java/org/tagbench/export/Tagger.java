package org.tagbench.export;

import org.tagbench.data.Batch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;

/**
 * A trained model that turns audio chunks into tag probabilities and embeddings, with everything needed to feed it:
 * the tags in output order, the sample rate, the chunk length, what a chunk becomes before the network, and how many
 * chunks of a track it averages. Engine-neutral: a run's best model today, a bundle or an ONNX file alike.
 */
public interface Tagger extends AutoCloseable {

    /** The tags it scores, in output order. */
    TagVocabulary tags();

    /** The sample rate (Hz) its audio must be at. */
    int sampleRate();

    /** The samples in one chunk. */
    int chunkSamples();

    /** What one chunk of samples becomes before the network (log-mel on the CPU, or the samples themselves). */
    ChunkFeatures features();

    /** How many evenly spaced chunks of a track its score averages, as it was evaluated. */
    int chunksPerTrack();

    /** The layer {@link #embeddings} gives by default, numbered as {@code model summary} numbers it: the penultimate. */
    int embeddingLayer();

    /** Tag probabilities, one row per chunk of {@code chunks} ({@link #features} of each, as a batch). */
    float[][] scores(Batch chunks);

    /** The outputs of layer {@code layer} ({@code model summary}'s number, from 1), one flattened row per chunk. */
    float[][] embeddings(Batch chunks, int layer);

    /** Frees the model's native memory. */
    @Override
    void close();
}
