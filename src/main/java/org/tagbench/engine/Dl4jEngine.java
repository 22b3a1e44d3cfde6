package org.tagbench.engine;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;

/** DeepLearning4J on ND4J's native backend: {@link Dl4jNetwork}s. */
public final class Dl4jEngine implements Engine {

    @Override
    public EngineName name() {
        return EngineName.DL4J;
    }

    @Override
    public String backend() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        // Properties.getProperty skips non-string values, and ND4J stores the thread count as a number.
        return "dl4j: " + env.get("backend") + " (" + env.get("blas.vendor") + ", " + env.get("omp.threads")
                + " threads)";
    }

    @Override
    public Network build(ModelSpec spec, OptimizerConfig optimizer, long seed) {
        return Dl4jNetwork.build(spec, optimizer, seed);
    }

    @Override
    public Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, long seed, FeatureConfig features,
                                     int samples) {
        return Dl4jNetwork.build(spec, optimizer, seed, features, samples);
    }
}
