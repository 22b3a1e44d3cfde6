package org.tagbench.model;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The memory a training step of a network needs, estimated from its spec before an engine builds it, so that a
 * budget far beyond the machine is refused in one line rather than inside a native allocator. In float32 bytes:
 * <ul>
 * <li>weights: 4 x parameters x 4, for the weights, their gradients and Adam's two moments;</li>
 * <li>activations: 4 x batch x the values per example that the forward pass keeps for the backward pass: every
 * layer's output, and also a convolution block's convolution, batch-norm and ELU maps before pooling, a strided
 * convolution's convolution and batch-norm maps and a GRU's three gates at every step (an LSTM's four gates and
 * its cell, per direction).</li>
 * </ul>
 * The gradients flowing back, the engines' workspace and the runtime come on top (the peaks docs/benchmarks.md
 * measures for Python PyTorch are 1.2 times this for the largest networks and more for small ones), so the estimate
 * is a floor: what exceeds the machine's memory cannot train on it.
 */
public record StepMemory(double weightBytes, double activationBytes) {
    private static final int FLOAT_BYTES = 4;
    /** Weights, gradients and Adam's first and second moments. */
    private static final int COPIES_PER_WEIGHT = 4;
    /** A convolution block keeps its convolution, batch-norm and ELU (or ReLU) maps before pooling. */
    private static final int MAPS_PER_CONV_BLOCK = 3;
    /** A convolution with batch norm keeps its convolution and batch-norm maps besides its output. */
    private static final int MAPS_PER_CONV_BN = 2;
    /** A GRU keeps its reset, update and candidate gates at every step. */
    private static final int GATES_PER_GRU_STEP = 3;
    /** An LSTM keeps its four gates and its cell at every step in each direction. */
    private static final int VALUES_PER_LSTM_STEP = 5;
    private static final double GB = 1e9;

    /** The estimate for training {@code spec} on batches of {@code batch} examples. */
    public static StepMemory of(ModelSpec spec, int batch) {
        double weights = (double) FLOAT_BYTES * COPIES_PER_WEIGHT * spec.trainableParams();
        double values = 0;
        List<Shape> outputs = spec.shapes();
        for (int i = 0; i < outputs.size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            Shape in = spec.inputShapes(i, outputs).get(0);
            Shape out = outputs.get(i);
            values += out.size();
            if (layer instanceof ConvBlock conv) {
                values += (double) MAPS_PER_CONV_BLOCK * conv.convolved(in).size();
            } else if (layer instanceof Conv1dBlock conv) {
                values += (double) MAPS_PER_CONV_BLOCK * conv.convolved(in).size();
            } else if (layer instanceof Gru gru) {
                values += (double) GATES_PER_GRU_STEP * gru.units() * in.width();
            } else if (layer instanceof ConvBn) {
                values += (double) MAPS_PER_CONV_BN * out.size();
            } else if (layer instanceof Lstm lstm) {
                values += (double) VALUES_PER_LSTM_STEP * lstm.units() * lstm.directions() * in.width();
            }
        }
        return new StepMemory(weights, (double) FLOAT_BYTES * batch * values);
    }

    /** Weights and activations together. */
    public double totalBytes() {
        return weightBytes + activationBytes;
    }

    /** The physical memory of this machine (or the container's limit), as the operating system reports it. */
    public static long machineBytes() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }

    /**
     * Fails with an {@link IllegalArgumentException} when the step needs more than {@code machineBytes}, naming the
     * {@code budget} (parameters), the batch, the estimate and the machine's memory.
     */
    public void requireWithin(long machineBytes, long budget, int batch) {
        if (totalBytes() > machineBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a budget of %,d parameters needs about "
                    + "%,.1f GB to train at batch %d (%,.1f GB for the weights, their gradients and Adam's moments, "
                    + "%,.1f GB for a step's activations), more than this machine's %,.1f GB of memory "
                    + "(expected a smaller budget or batch size)", budget,
                    totalBytes() / GB, batch, weightBytes / GB, activationBytes / GB, machineBytes / GB));
        }
    }
}
