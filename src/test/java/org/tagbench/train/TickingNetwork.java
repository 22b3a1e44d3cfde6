package org.tagbench.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.Network;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;

/**
 * A network whose every training step takes exactly one second of a test's clock, and which dies (throws) at its
 * {@code dieAt}-th step (0: never), as a process killed in the middle of a step would.
 */
final class TickingNetwork implements Network {
    private final Network inner;
    private final AtomicLong nanos;
    private final int dieAt;
    private int steps;

    TickingNetwork(Network inner, AtomicLong nanos, int dieAt) {
        this.inner = inner;
        this.nanos = nanos;
        this.dieAt = dieAt;
    }

    @Override
    public double fit(Batch batch) {
        if (++steps == dieAt) {
            throw new IllegalStateException("killed at step " + steps);
        }
        nanos.addAndGet(1_000_000_000L);
        return inner.fit(batch);
    }

    @Override
    public ModelSpec spec() {
        return inner.spec();
    }

    @Override
    public long trainableParams() {
        return inner.trainableParams();
    }

    @Override
    public float[][] predict(Batch batch) {
        return inner.predict(batch);
    }

    @Override
    public float[][] layerOutputs(Batch batch, int layer) {
        return inner.layerOutputs(batch, layer);
    }

    @Override
    public ModelWeights weights() {
        return inner.weights();
    }

    @Override
    public void load(ModelWeights weights) {
        inner.load(weights);
    }

    @Override
    public void setLearningRate(double lr) {
        inner.setLearningRate(lr);
    }

    @Override
    public void useOptimizer(OptimizerConfig optimizer) {
        inner.useOptimizer(optimizer);
    }

    @Override
    public void seedStep(long seed) {
        inner.seedStep(seed);
    }

    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        inner.write(out, withOptimizerState);
    }

    @Override
    public Network read(InputStream in) throws IOException {
        return inner.read(in);
    }

    @Override
    public void close() {
        inner.close();
    }
}
