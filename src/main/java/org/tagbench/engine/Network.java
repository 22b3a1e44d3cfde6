package org.tagbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;

/**
 * A {@link ModelSpec} built by an {@link Engine}: training steps, sigmoid outputs, and weights in and out in the
 * engine-neutral {@link org.tagbench.model.WeightLayout}. Closing it frees its native memory.
 */
public interface Network extends AutoCloseable {

    /** The spec this network was built from. */
    ModelSpec spec();

    /** Trainable parameters as the engine counts them (batch normalization's running statistics excluded). */
    long trainableParams();

    /** One optimisation step on a batch; returns its mean binary cross-entropy per tag. */
    double fit(Batch batch);

    /** Sigmoid outputs for a batch in inference mode, one row per example. */
    float[][] predict(Batch batch);

    /**
     * The outputs of spec layer {@code layer} (0-based: row {@code layer + 1} of
     * {@link org.tagbench.model.ModelSummary}) for a batch in inference mode, one row per example, flattened
     * row-major in the spec's shape of that layer.
     */
    float[][] layerOutputs(Batch batch, int layer);

    /** A copy of every weight, running statistics included, in the engine-neutral layout. */
    ModelWeights weights();

    /** Replaces every weight, running statistics included, with {@code weights} (the optimizer state stays). */
    void load(ModelWeights weights);

    /** Sets the learning rate, keeping the optimizer's state. */
    void setLearningRate(double lr);

    /** Continues with another optimizer (its state starts fresh), e.g. Adam then SGD. */
    void useOptimizer(OptimizerConfig optimizer);

    /** Seeds the random numbers of the next step (dropout), so a resumed run draws what an unbroken one would. */
    void seedStep(long seed);

    /** Writes the network (its weights and, if asked, the optimizer's state) in the engine's own format. */
    void write(OutputStream out, boolean withOptimizerState) throws IOException;

    /** A network like this one (same spec, input and engine) read from what {@link #write} wrote. */
    Network read(InputStream in) throws IOException;

    /** Frees the engine's native memory; the network is unusable afterwards. */
    @Override
    void close();
}
