package org.tagbench.config;

/**
 * What an architecture eats by default ({@link ConfigLoader#ownInput}): its own features and chunk length, as a
 * config that names only the architecture resolves them.
 *
 * @param features the front end's settings
 * @param chunkSeconds the chunk length in seconds
 */
public record ArchitectureInput(FeatureConfig features, double chunkSeconds) {

    /** The chunk length in samples at the features' sample rate, rounded as a run rounds it. */
    public int chunkSamples() {
        return (int) Math.round(chunkSeconds * features.sampleRate());
    }
}
