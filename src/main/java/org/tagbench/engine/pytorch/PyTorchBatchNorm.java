package org.tagbench.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.tagbench.engine.BatchNormConvention;
import org.tagbench.engine.BatchNormConvention.RunningVariance;

/**
 * Batch normalization over one axis as a {@link BatchNormConvention} says (its epsilon; running = kept share *
 * running + new share * batch), on libtorch's fused kernel through DJL. DJL's momentum is the share kept: it hands
 * libtorch PyTorch's momentum, 1 - kept. Two things the plain kernel does are adapted here:
 * <ul>
 *   <li>libtorch feeds the running variance the unbiased batch variance (n / (n - 1) times the biased one, n values
 *   per channel). Under a convention that feeds it the biased one (DL4J's, Keras's), which matters for a dense
 *   layer's norm (n = batch rows), the kernel updates a copy and the running variance takes the update scaled back.
 *   (Scaling the kernel's own running variance in place would break backprop: the kernel's backward holds it.)</li>
 *   <li>a batch with one value per channel (one row into a dense layer's norm) is refused by libtorch; DL4J
 *   normalises it to the shift (the batch variance is 0, x - mean is 0), as is done here under every convention,
 *   the running variance taking a batch variance of 0.</li>
 * </ul>
 * Its parameters are DJL BatchNorm's: scale (gamma, initially 1), shift (beta, 0), running mean (0) and variance (1).
 */
final class PyTorchBatchNorm extends AbstractBlock {
    private final int axis;
    private final float kept;
    private final float epsilon;
    private final RunningVariance runningVariance;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * Normalises each index of {@code axis} (1: channels of a map or features of a vector; 3: time frames) as
     * {@code convention} says.
     */
    PyTorchBatchNorm(int axis, BatchNormConvention convention) {
        this.axis = axis;
        this.kept = (float) convention.keptShare();
        this.epsilon = (float) convention.epsilon();
        this.runningVariance = convention.runningVariance();
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    /** The scale, shift, running mean and running variance, in the weight layout's order. */
    Parameter[] parameters() {
        return new Parameter[] {gamma, beta, runningMean, runningVar};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray scale = parameterStore.getValue(gamma, device, training);
        NDArray shift = parameterStore.getValue(beta, device, training);
        NDArray mean = parameterStore.getValue(runningMean, device, training);
        NDArray variance = parameterStore.getValue(runningVar, device, training);
        if (!training) {
            return BatchNorm.batchNorm(x, mean, variance, scale, shift, axis, kept, epsilon, false);
        }
        long perChannel = x.size() / x.getShape().get(axis);
        if (perChannel == 1) {
            // x holds one value per channel: it is the batch mean, and the batch variance is 0.
            mean.muli(kept).addi(x.stopGradient().reshape(mean.getShape()).mul(1 - kept));
            variance.muli(kept);
            NDArray out = shift.reshape(x.getShape());
            out.attach(x.getManager());
            return new NDList(out);
        }
        if (runningVariance == RunningVariance.UNBIASED) {
            return BatchNorm.batchNorm(x, mean, variance, scale, shift, axis, kept, epsilon, true);
        }
        NDArray updated = variance.duplicate();
        updated.attach(x.getManager());
        NDList out = BatchNorm.batchNorm(x, mean, updated, scale, shift, axis, kept, epsilon, true);
        // updated = kept * v + (1 - kept) * var * n / (n - 1); the biased update is kept * v + (1 - kept) * var.
        variance.muli(kept);
        variance.addi(updated.sub(variance).muli((perChannel - 1.0) / perChannel));
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape perIndex = new Shape(inputShapes[0].get(axis));
        for (Parameter p : parameters()) {
            p.setShape(perIndex);
        }
    }
}
