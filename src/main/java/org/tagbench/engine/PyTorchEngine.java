package org.tagbench.engine;

import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;

/** PyTorch through DJL (being built). */
public final class PyTorchEngine implements Engine {

    @Override
    public EngineName name() {
        return EngineName.PYTORCH;
    }

    @Override
    public String backend() {
        throw new UnsupportedOperationException("pytorch engine: not built yet");
    }

    @Override
    public Network build(ModelSpec spec, OptimizerConfig optimizer, long seed) {
        throw new UnsupportedOperationException("pytorch engine: not built yet");
    }

    @Override
    public Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, long seed, FeatureConfig features,
                                     int samples) {
        throw new UnsupportedOperationException("pytorch engine: not built yet");
    }
}
