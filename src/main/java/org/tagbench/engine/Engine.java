package org.tagbench.engine;

import java.util.ServiceLoader;
import org.tagbench.config.ConfigException;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;

/**
 * A deep-learning engine: builds trainable {@link Network}s from an engine-neutral {@link ModelSpec}. Creating an
 * engine loads nothing; its native libraries load with the first network.
 */
public interface Engine {

    /**
     * The engine {@code training.engine} names, found through {@link ServiceLoader}: each engine's package ships
     * a provider, and a one-engine build lists only its own.
     */
    static Engine named(EngineName name) {
        for (Engine engine : ServiceLoader.load(Engine.class)) {
            if (engine.name() == name) {
                return engine;
            }
        }
        String other = name == EngineName.DL4J ? "pytorch" : "dl4j";
        throw new ConfigException("training.engine", name.configName() + ": this build has no " + name.configName()
                + " engine (it was built with -P" + other + "); build both engines with ./mvnw clean package, or "
                + "this one with ./mvnw clean package -P" + name.configName());
    }

    /** The config name of this engine. */
    EngineName name();

    /** What computes: backend, library versions and threads, for run provenance (loads the natives). */
    String backend();

    /**
     * A new network for {@code spec} with weights initialised from {@code seed}, trained with binary cross-entropy
     * and {@code optimizer}, both as {@code conventions} say; it eats log-mel chunks, {@code Batch.features()} as
     * [rows, n_mels, frames].
     */
    Network build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions, long seed);

    /**
     * As {@link #build}, but the network eats raw mono audio, [rows, samples], and computes the log-mel of
     * {@code features} itself; the log-mel's shape must be the spec's input.
     */
    Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions, long seed,
                              FeatureConfig features, int samples);

    /**
     * The log-mel of {@code features} computed by this engine's own ops for {@code signals}, [rows][samples], which
     * are copied to the engine once: the front end of {@link #buildWithFrontEnd} without a network, so that its
     * throughput is its own ({@code tagbench bench mel}).
     */
    DeviceMel deviceMel(FeatureConfig features, float[][] signals);
}
