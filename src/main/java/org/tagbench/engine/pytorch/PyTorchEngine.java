package org.tagbench.engine.pytorch;

import org.tagbench.engine.DeviceMel;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.config.ConfigException;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;

/** PyTorch's libtorch through DJL, offline from the jars on the class path: {@link PyTorchNetwork}s. */
public final class PyTorchEngine implements Engine {

    @Override
    public EngineName name() {
        return EngineName.PYTORCH;
    }

    @Override
    public String backend() {
        return Libtorch.describe();
    }

    @Override
    public Network build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions, long seed) {
        return PyTorchNetwork.build(spec, optimizer, conventions, seed);
    }

    /** Not available: the mel front end inside the network exists for DL4J only. */
    @Override
    public Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                     long seed, FeatureConfig features, int samples) {
        throw new ConfigException("features.frontend", "network needs training.engine: dl4j (the pytorch engine "
                + "eats log-mel from the data workers); use cpu");
    }

    /** Not available: the pytorch engine has no log-mel of its own (its networks eat the data workers'). */
    @Override
    public DeviceMel deviceMel(FeatureConfig features, float[][] signals) {
        throw new ConfigException("--engine", "pytorch computes no log-mel on its device (its networks eat "
                + "log-mel from the data workers); use dl4j");
    }
}
