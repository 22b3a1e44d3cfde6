package org.tagbench.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.engine.AdamConvention;

/**
 * The optimizer of a {@link PyTorchNetwork}, with DL4J's update rules so that both engines train alike, and state
 * (moments, velocities, step count) that this class owns and the network saves:
 * <ul>
 *   <li>{@code adam}: the {@link AdamConvention}'s epsilon and placement, computed by DJL's fused adamUpdate kernel,
 *   which has Kingma and Ba's "efficient" form, w -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
 *   (DL4J's and Keras's); PyTorch's form, eps added to sqrt(v / (1 - beta2^t)), is the same update with eps *
 *   sqrt(1 - beta2^t) in the kernel's place ({@link AdamConvention#efficientEpsilon}).</li>
 *   <li>{@code sgd} with momentum mu: DL4J's Nesterovs, v = mu v - lr g, w += mu v - lr g. PyTorch's nesterov SGD,
 *   b = mu b + g, w -= lr (g + mu b), is the same sequence of weights (v = -lr b) while lr is constant; when lr
 *   changes they differ, because DL4J's velocity carries the learning rates it was built with. DJL has no
 *   Nesterov kernel for PyTorch (and its sgdUpdate is classical momentum), so this is plain array arithmetic.</li>
 *   <li>{@code sgd} without momentum: w -= lr g.</li>
 * </ul>
 * Weight decay is L2 coupled into the gradient, g += wd w, on weights and biases but not on batch normalization's
 * scale and shift (DL4J's l2 and l2Bias leave those alone).
 */
final class PyTorchOptimizer {
    /** Passed as the kernels' gradient clip: negative means no clipping. */
    private static final float NO_CLIPPING = -1f;

    private final List<PyTorchWeight> trainable;
    private final AdamConvention adamConvention;
    /** Per trainable array, in order: Adam's first and second moments, or SGD's velocity, or nothing. */
    private final List<NDArray[]> state = new ArrayList<>();
    private OptimizerConfig config;
    /** Updates done so far (Adam's t). */
    private long steps;

    /**
     * Fresh state (zeros, step 0) for the {@code trainable} arrays, held by {@code manager}; Adam follows
     * {@code adamConvention}.
     */
    PyTorchOptimizer(OptimizerConfig config, AdamConvention adamConvention, List<PyTorchWeight> trainable,
                     NDManager manager) {
        this.config = config;
        this.adamConvention = adamConvention;
        this.trainable = List.copyOf(trainable);
        for (PyTorchWeight w : this.trainable) {
            NDArray[] arrays = new NDArray[stateNames().size()];
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = manager.zeros(w.parameter().getArray().getShape());
            }
            state.add(arrays);
        }
    }

    /** The optimizer's settings, learning rate included. */
    OptimizerConfig config() {
        return config;
    }

    /** Updates done so far. */
    long steps() {
        return steps;
    }

    /** Sets the learning rate; the state stays. */
    void setLearningRate(double lr) {
        config = config.withLr(lr);
    }

    /**
     * One update of every trainable array from its gradient, which is then zeroed. Temporary arrays land in
     * {@code scope}, the step's manager, to which the arrays are attached for the step.
     */
    void update(NDManager scope) {
        steps++;
        for (int i = 0; i < trainable.size(); i++) {
            PyTorchWeight w = trainable.get(i);
            NDArray weight = w.parameter().getArray();
            NDArray grad = weight.getGradient();
            grad.attach(scope);
            double decay = w.decayed() ? config.weightDecay() : 0;
            NDArray[] s = state.get(i);
            if (config.name().equals("adam")) {
                adam(weight, grad, s[0], s[1], decay);
            } else {
                sgd(weight, decay > 0 ? grad.add(weight.mul(decay)) : grad, s);
                JniUtils.zeroGrad((PtNDArray) weight);
            }
        }
    }

    private void adam(NDArray weight, NDArray grad, NDArray mean, NDArray variance, double decay) {
        double b1 = config.beta1();
        double b2 = config.beta2();
        double rate = config.lr() * Math.sqrt(1 - Math.pow(b2, steps)) / (1 - Math.pow(b1, steps));
        // The kernel adds decay * w to the gradient, updates the moments and the weight in place, zeroes the grad.
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight),
                (float) config.lr(), (float) rate, (float) decay, 1f, NO_CLIPPING, (float) b1, (float) b2,
                (float) adamConvention.efficientEpsilon(steps, b2), false, false);
    }

    private void sgd(NDArray weight, NDArray grad, NDArray[] velocity) {
        double lr = config.lr();
        if (velocity.length == 0) {
            weight.subi(grad.mul(lr));
            return;
        }
        double mu = config.momentum();
        NDArray v = velocity[0];
        v.muli(mu).subi(grad.mul(lr));
        weight.addi(v.mul(mu).subi(grad.mul(lr)));
    }

    /** Every state array by name ({@code <layout name>.<state>}), in order, for saving. */
    Map<String, NDArray> state() {
        Map<String, NDArray> named = new LinkedHashMap<>();
        List<String> names = stateNames();
        for (int i = 0; i < trainable.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                named.put(trainable.get(i).name() + "." + names.get(j), state.get(i)[j]);
            }
        }
        return named;
    }

    /** All state arrays, e.g. to attach them to a step's scope. */
    List<NDArray> arrays() {
        return state.stream().flatMap(Arrays::stream).toList();
    }

    /** Replaces the state with saved arrays ({@link #state()}'s names) and the step count they were saved at. */
    void restore(Map<String, float[]> saved, long savedSteps) {
        for (Map.Entry<String, NDArray> e : state().entrySet()) {
            float[] values = saved.get(e.getKey());
            if (values == null || values.length != e.getValue().size()) {
                throw new IllegalArgumentException("optimizer state " + e.getKey() + " is "
                        + (values == null ? "missing" : values.length + " values, not " + e.getValue().size()));
            }
            PyTorchNetwork.overwrite(e.getValue(), values);
        }
        steps = savedSteps;
    }

    /** The arrays each trainable array carries: PyTorch's names for Adam's moments, DL4J's velocity for SGD. */
    private List<String> stateNames() {
        if (config.name().equals("adam")) {
            return List.of("exp_avg", "exp_avg_sq");
        }
        return config.momentum() > 0 ? List.of("velocity") : List.of();
    }
}
