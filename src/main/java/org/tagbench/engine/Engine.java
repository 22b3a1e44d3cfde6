package org.tagbench.engine;

import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;

/**
 * A deep-learning engine: builds trainable {@link Network}s from an engine-neutral {@link ModelSpec}. Creating an
 * engine loads nothing; its native libraries load with the first network.
 */
public interface Engine {

    /** The engine {@code training.engine} names. */
    static Engine named(EngineName name) {
        return switch (name) {
            case DL4J -> new Dl4jEngine();
            case PYTORCH -> new PyTorchEngine();
        };
    }

    /** The config name of this engine. */
    EngineName name();

    /** What computes: backend, library versions and threads, for run provenance (loads the natives). */
    String backend();

    /**
     * A new network for {@code spec} with freshly initialised weights drawn from {@code seed}, trained with
     * binary cross-entropy and {@code optimizer}; it eats log-mel chunks, {@code Batch.features()} as
     * [rows, n_mels, frames].
     */
    Network build(ModelSpec spec, OptimizerConfig optimizer, long seed);

    /**
     * As {@link #build}, but the network eats raw mono audio, [rows, samples], and computes the log-mel of
     * {@code features} itself; the log-mel's shape must be the spec's input.
     */
    Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, long seed, FeatureConfig features,
                              int samples);
}
