package org.tagbench.engine;

import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.ModelSpec;

/**
 * What a network built with its mel front end inside eats: mono chunks of {@code samples}, turned into the log-mel of
 * {@code features} by the network itself.
 */
public record AudioInput(FeatureConfig features, int samples) {

    /**
     * The audio input of {@code spec}: refused unless chunks of {@code samples} make a log-mel of the spec's input
     * shape.
     */
    public static AudioInput of(ModelSpec spec, FeatureConfig features, int samples) {
        int frames = new MelSpectrogram(features).frames(samples);
        if (features.nMels() != spec.melBands() || frames != spec.frames()) {
            throw new IllegalArgumentException(samples + " samples make a " + features.nMels() + " x " + frames
                    + " log-mel (n_mels x frames), but the model spec expects " + spec.melBands() + " x "
                    + spec.frames());
        }
        return new AudioInput(features, samples);
    }
}
