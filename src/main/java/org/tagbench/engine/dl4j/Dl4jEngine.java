package org.tagbench.engine.dl4j;

import org.tagbench.engine.DeviceMel;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.tagbench.config.ConfigException;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;

/** DeepLearning4J on ND4J's native backend: {@link Dl4jNetwork}s. */
public final class Dl4jEngine implements Engine {
    private static boolean loaded;

    @Override
    public EngineName name() {
        return EngineName.DL4J;
    }

    @Override
    public String backend() {
        requireBackend();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        // Properties.getProperty skips non-string values, and ND4J stores the thread count as a number.
        return "dl4j: " + env.get("backend") + " (" + env.get("blas.vendor") + ", " + env.get("omp.threads")
                + " threads)";
    }

    @Override
    public Network build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions, long seed) {
        requireBackend();
        return Dl4jNetwork.build(spec, optimizer, conventions, seed);
    }

    @Override
    public Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                     long seed, FeatureConfig features, int samples) {
        requireBackend();
        return Dl4jNetwork.build(spec, optimizer, conventions, seed, features, samples);
    }

    @Override
    public DeviceMel deviceMel(FeatureConfig features, float[][] signals) {
        requireBackend();
        return new Dl4jDeviceMel(features, signals);
    }

    /** Loads ND4J's backend once; a build without its natives fails with one line saying how to build them in. */
    private static synchronized void requireBackend() {
        if (loaded) {
            return;
        }
        try {
            Nd4j.getBackend();
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw noNatives();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof Nd4jBackend.NoAvailableBackendException) {
                throw noNatives();
            }
            throw e;
        }
        loaded = true;
    }

    private static ConfigException noNatives() {
        return new ConfigException("training.engine", "dl4j: this build has no ND4J natives (it was built with "
                + "-Ppytorch); build both engines with ./mvnw clean package, or this one with "
                + "./mvnw clean package -Pdl4j");
    }
}
