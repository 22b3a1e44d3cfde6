package org.tagbench.frontend;

import org.tagbench.config.FeatureConfig;
import org.tagbench.config.FrontEndPlacement;

/**
 * The input of one example a network eats for a chunk of audio, {@code height x width}: the log-mel's n_mels x
 * frames, or 1 x samples when the network eats the waveform itself ({@code features.frontend: none}).
 */
public record NetworkInput(int height, int width) {

    /** What a network trained with {@code features} eats for chunks of {@code samples}. */
    public static NetworkInput of(FeatureConfig features, int samples) {
        return features.frontend() == FrontEndPlacement.NONE ? new NetworkInput(1, samples)
                : new NetworkInput(features.nMels(), new MelSpectrogram(features).frames(samples));
    }
}
