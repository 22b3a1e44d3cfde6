package org.tagbench.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.Network;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;

/**
 * A network whose frozen layers ({@link FrozenLayers}) stay bit for bit at their kept values on any engine: after
 * every training step their arrays are put back, so neither the optimizer (its moments, weight decay) nor batch
 * normalisation's running statistics move them. Gradients still flow through them to the layers below; the cost is
 * one copy of the weights out and in per step, small beside the step of a network one fine-tunes.
 */
public final class FrozenNetwork implements Network {
    private final Network network;
    private final FrozenLayers frozen;

    /** {@code network} with {@code frozen} kept; the frozen values are loaded now. */
    public FrozenNetwork(Network network, FrozenLayers frozen) {
        this.network = network;
        this.frozen = frozen;
        network.load(frozen.restore(network.weights()));
    }

    @Override
    public ModelSpec spec() {
        return network.spec();
    }

    /** The trainable parameters of the whole network (frozen ones included, as the spec counts them). */
    @Override
    public long trainableParams() {
        return network.trainableParams();
    }

    /** One step, then the frozen arrays put back. */
    @Override
    public double fit(Batch batch) {
        double loss = network.fit(batch);
        network.load(frozen.restore(network.weights()));
        return loss;
    }

    @Override
    public float[][] predict(Batch batch) {
        return network.predict(batch);
    }

    @Override
    public float[][] layerOutputs(Batch batch, int layer) {
        return network.layerOutputs(batch, layer);
    }

    @Override
    public ModelWeights weights() {
        return network.weights();
    }

    /** Loads {@code weights} but for the frozen arrays, which keep their values. */
    @Override
    public void load(ModelWeights weights) {
        network.load(frozen.restore(weights));
    }

    @Override
    public void setLearningRate(double lr) {
        network.setLearningRate(lr);
    }

    @Override
    public void useOptimizer(OptimizerConfig optimizer) {
        network.useOptimizer(optimizer);
    }

    @Override
    public void seedStep(long seed) {
        network.seedStep(seed);
    }

    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        network.write(out, withOptimizerState);
    }

    /** The network {@link #write} wrote, its frozen layers kept as these are. */
    @Override
    public Network read(InputStream in) throws IOException {
        return new FrozenNetwork(network.read(in), frozen);
    }

    @Override
    public void close() {
        network.close();
    }
}
