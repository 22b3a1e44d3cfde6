package org.tagbench.engine.pytorch;

import org.tagbench.engine.AudioInput;
import org.tagbench.engine.DeviceMel;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
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

    @Override
    public Network buildWithFrontEnd(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                     long seed, FeatureConfig features, int samples) {
        return PyTorchNetwork.build(spec, optimizer, conventions, seed, AudioInput.of(spec, features, samples));
    }

    @Override
    public DeviceMel deviceMel(FeatureConfig features, float[][] signals) {
        return new PyTorchDeviceMel(features, signals);
    }
}
