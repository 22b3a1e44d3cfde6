package org.tagbench.data.pipeline;

import org.tagbench.config.FeatureConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.frontend.MelSpectrogram;

/**
 * What the network is fed for one chunk of audio: its log-mel computed on the CPU by the input workers
 * ({@code mel::compute}), or the samples themselves when the network computes the mel spectrogram in its first
 * layer.
 */
@FunctionalInterface
public interface ChunkFeatures {
    /** The features of {@code chunk}, flattened row-major. */
    float[] of(float[] chunk);

    /** The raw samples, for a network with the mel front end inside or one that eats the waveform. */
    static ChunkFeatures samples() {
        return chunk -> chunk;
    }

    /**
     * What a network trained with {@code features} eats: its log-mel, or the samples if the mel is inside it or
     * there is none.
     */
    static ChunkFeatures of(FeatureConfig features) {
        return features.frontend() == FrontEndPlacement.CPU ? new MelSpectrogram(features)::compute : samples();
    }
}
