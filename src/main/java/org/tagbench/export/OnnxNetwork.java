package org.tagbench.export;

import static org.tagbench.export.OnnxGraph.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tagbench.engine.BatchNormConvention;
import org.tagbench.model.Add;
import org.tagbench.model.AttentionPooling;
import org.tagbench.model.AveragePool;
import org.tagbench.model.Concat;
import org.tagbench.model.Conv1dBlock;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ConvBn;
import org.tagbench.model.DenseBlock;
import org.tagbench.model.Dropout;
import org.tagbench.model.Gru;
import org.tagbench.model.LayerSpec;
import org.tagbench.model.Lstm;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.Nonlinearity;
import org.tagbench.model.Shape;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.SpectrogramBatchNorm;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.TimeMaxPool;
import org.tagbench.model.TimePadding;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;

/**
 * A {@link ModelSpec}'s layers in inference mode as ONNX ops, the same function both engines compute
 * ({@code PyTorchLayers}, {@code Dl4jLayers}): feature maps NCHW (H = mel bands, W = time); batch norms folded, in
 * double, into one scale and shift per feature from their running statistics; "same" padding one less before than
 * after for even kernels; max pools that drop what does not fill a window; dropout absent; a GRU as ONNX's GRU
 * (reset after, {@code linear_before_reset=1}) with the layout's gate blocks reset | update | new reordered to
 * ONNX's update | reset | new, reading a map as a sequence over its width with feature channel·height + band; an
 * LSTM as ONNX's LSTM (forward or bidirectional) with the layout's gate blocks input | forget | cell | output
 * reordered to ONNX's input | output | forget | cell; attention pooling from MatMul, Softmax, Mul and ReduceSum;
 * average pools as AveragePool. A graph spec's nodes read their inputs' outputs: {@link Add} as ONNX Adds (and a
 * Relu), {@link Concat} as a Concat of channels.
 */
final class OnnxNetwork {
    /** The gate blocks of the layout (PyTorch: reset, update, new) in ONNX's order (update, reset, new). */
    private static final int[] ONNX_GATE_ORDER = {1, 0, 2};
    /** The gate blocks of the layout (PyTorch: input, forget, cell, output) in ONNX's order (i, o, f, c). */
    private static final int[] ONNX_LSTM_GATE_ORDER = {0, 3, 1, 2};

    /**
     * The network's two outputs: the output layer's input, one row of {@code embeddingSize} per example, and the
     * per-tag probabilities (per-class, summing to one, for a softmax output).
     */
    record Outputs(String embedding, int embeddingSize, String tags) {
    }

    private final OnnxGraph graph;
    private final ModelWeights weights;
    private final double epsilon;
    private String prefix;

    private OnnxNetwork(OnnxGraph graph, ModelWeights weights, double epsilon) {
        this.graph = graph;
        this.weights = weights;
        this.epsilon = epsilon;
    }

    /**
     * Adds {@code spec} with {@code weights} (in the {@link WeightLayout}) on {@code logMel}, [batch, n_mels, frames]
     * (or [batch, 1, samples] of waveform) to {@code graph}, batch norms as {@code batchNorm} says (its epsilon),
     * the output layer a softmax over classes when {@code softmax} (a multiclass task's network), else a sigmoid.
     */
    static Outputs add(OnnxGraph graph, ModelSpec spec, ModelWeights weights, BatchNormConvention batchNorm,
                       boolean softmax, String logMel) {
        weights.requireLayout(WeightLayout.of(spec));
        OnnxNetwork network = new OnnxNetwork(graph, weights, batchNorm.epsilon());
        String input = graph.node("Unsqueeze", List.of(logMel, graph.longs("channel_axis", 1)));
        List<Shape> shapes = spec.shapes();
        List<LayerSpec> layers = spec.layers();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            network.prefix = WeightLayout.prefix(i);
            LayerSpec layer = layers.get(i);
            List<String> read = spec.inputs().get(i).stream()
                    .map(n -> n == ModelSpec.INPUT ? input : outputs.get(n)).toList();
            String x = read.get(0);
            if (layer instanceof SigmoidOutput o) {
                String embedding = graph.node("Flatten", List.of(x), attribute("axis", 1));
                String logits = network.dense(embedding);
                return new Outputs(embedding, o.in(), softmax
                        ? graph.node("Softmax", List.of(logits), attribute("axis", 1))
                        : graph.node("Sigmoid", List.of(logits)));
            } else if (layer instanceof Add a) {
                for (String other : read.subList(1, read.size())) {
                    x = graph.node("Add", List.of(x, other));
                }
                outputs.add(a.relu() ? graph.node("Relu", List.of(x)) : x);
            } else if (layer instanceof Concat) {
                outputs.add(graph.node("Concat", read, attribute("axis", 1)));
            } else {
                outputs.add(network.add(layer, x, spec.inputShapes(i, shapes).get(0)));
            }
        }
        throw new IllegalArgumentException(spec.arch() + " spec has no sigmoid output layer");
    }

    private String add(LayerSpec layer, String x, Shape in) {
        if (layer instanceof TimePadding p) {
            return graph.node("Pad", List.of(x, graph.longs("pads", 0, 0, 0, p.left(), 0, 0, 0, p.right())),
                    attribute("mode", "constant"));
        } else if (layer instanceof TimeBatchNorm t) {
            return batchNorm(x, prefix, 1, 1, 1, t.frames());
        } else if (layer instanceof ConvBlock c) {
            String normed = batchNorm(conv(x, c), prefix + "bn.", 1, c.outChannels(), 1, 1);
            long[] pool = {c.poolHeight(), c.poolWidth()};
            // The activation is monotone, so it commutes with the max: applied after the pool it touches a
            // pool's worth fewer values (the first block's ELU was a quarter of k2c2's time on ONNX Runtime).
            return activation(graph.node("MaxPool", List.of(normed), attribute("kernel_shape", pool),
                    attribute("strides", pool)), c.activation());
        } else if (layer instanceof Dropout) {
            return x;
        } else if (layer instanceof DenseBlock d) {
            String linear = dense(graph.node("Flatten", List.of(x), attribute("axis", 1)));
            return activation(batchNorm(linear, prefix + "bn.", 1, d.out()), d.activation());
        } else if (layer instanceof Gru g) {
            return gru(x, g, in);
        } else if (layer instanceof SpectrogramBatchNorm) {
            return batchNorm(x, prefix, 1, 1, 1, 1);
        } else if (layer instanceof TimeMaxPool t) {
            long[] window = {1, t.frames()};
            return graph.node("MaxPool", List.of(x), attribute("kernel_shape", window), attribute("strides", window));
        } else if (layer instanceof ConvBn c) {
            long half = c.kernel() / 2;
            String conv = graph.node("Conv", List.of(x, weight(prefix + "conv.weight"), weight(prefix + "conv.bias")),
                    attribute("kernel_shape", new long[] {c.kernel(), c.kernel()}),
                    attribute("strides", new long[] {c.stride(), c.stride()}),
                    attribute("pads", new long[] {half, half, half, half}));
            String normed = batchNorm(conv, prefix + "bn.", 1, c.outChannels(), 1, 1);
            return c.relu() ? graph.node("Relu", List.of(normed)) : normed;
        } else if (layer instanceof Conv1dBlock c) {
            return conv1d(x, c);
        } else if (layer instanceof Lstm l) {
            return lstm(x, l, in);
        } else if (layer instanceof AttentionPooling) {
            return attentionPooling(x);
        } else if (layer instanceof AveragePool a) {
            long[] window = {a.height(), a.width()};
            return graph.node("AveragePool", List.of(x), attribute("kernel_shape", window),
                    attribute("strides", window));
        }
        throw new IllegalArgumentException("no ONNX layers for " + layer);
    }

    private String activation(String x, Nonlinearity activation) {
        return switch (activation) {
            case ELU -> graph.node("Elu", List.of(x), attribute("alpha", 1.0));
            case RELU -> graph.node("Relu", List.of(x));
        };
    }

    /** A convolution with "same" (for an even kernel, one less before than after) or "valid" padding. */
    private String conv(String x, ConvBlock c) {
        long heightTotal = c.frequencyPadding() == ConvBlock.Padding.SAME ? c.kernelHeight() - 1 : 0;
        long widthTotal = c.kernelWidth() - 1;
        long[] pads = {heightTotal / 2, widthTotal / 2, heightTotal - heightTotal / 2, widthTotal - widthTotal / 2};
        return graph.node("Conv", List.of(x, weight(prefix + "conv.weight"), weight(prefix + "conv.bias")),
                attribute("kernel_shape", new long[] {c.kernelHeight(), c.kernelWidth()}), attribute("pads", pads));
    }

    /**
     * A 1D convolution block on a map one band high as a 1 x k convolution (the layout's [out, in, k] kernel given a
     * band axis), batch norm, a 1 x pool max pool if it pools, and ReLU.
     */
    private String conv1d(String x, Conv1dBlock c) {
        float[] kernel = weights.get(prefix + "conv.weight").values();
        String convolved = graph.node("Conv", List.of(x,
                        graph.constant(prefix + "conv.weight", kernel, c.outChannels(), c.inChannels(), 1, c.kernel()),
                        weight(prefix + "conv.bias")),
                attribute("kernel_shape", new long[] {1, c.kernel()}), attribute("strides", new long[] {1, c.stride()}),
                attribute("pads", new long[] {0, c.padding(), 0, c.padding()}));
        String normed = batchNorm(convolved, prefix + "bn.", 1, c.outChannels(), 1, 1);
        long[] pool = {1, c.pool()};
        // ReLU after the pool, as in the 2D block: the same values, a pool's worth fewer of them.
        String pooled = c.pool() == 1 ? normed : graph.node("MaxPool", List.of(normed),
                attribute("kernel_shape", pool), attribute("strides", pool));
        return graph.node("Relu", List.of(pooled));
    }

    /** x · weightᵀ + bias with the layout's [out, in] weight of the layer being added. */
    private String dense(String x) {
        return graph.node("Gemm", List.of(x, weight(prefix + "linear.weight"), weight(prefix + "linear.bias")),
                attribute("transB", 1));
    }

    /**
     * Inference-mode batch norm of the arrays under {@code part} folded, in double, into scale = gamma / sqrt(var +
     * eps) and shift = beta - mean·scale, shaped {@code dims} to broadcast over the normalised axis.
     */
    private String batchNorm(String x, String part, long... dims) {
        float[] gamma = weights.get(part + "weight").values();
        float[] beta = weights.get(part + "bias").values();
        float[] mean = weights.get(part + "running_mean").values();
        float[] variance = weights.get(part + "running_var").values();
        double[] scale = new double[gamma.length];
        double[] shift = new double[gamma.length];
        for (int i = 0; i < gamma.length; i++) {
            scale[i] = gamma[i] / Math.sqrt((double) variance[i] + epsilon);
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        String scaled = graph.node("Mul", List.of(x, graph.constant(part + "scale", scale, dims)));
        return graph.node("Add", List.of(scaled, graph.constant(part + "shift", shift, dims)));
    }

    /**
     * A GRU over the width of map {@code x}: [batch, c, h, w] to the sequence [w, batch, c·h] ONNX reads, then every
     * state back as a map [batch, units, 1, w] or the last one as [batch, units].
     */
    private String gru(String x, Gru g, Shape in) {
        String rows = graph.node("Reshape", List.of(x, graph.longs("sequence_shape", 0, g.in(), in.width())));
        String sequence = graph.node("Transpose", List.of(rows), attribute("perm", new long[] {2, 0, 1}));
        int units = g.units();
        float[] biases = concat(gates(prefix + "bias_ih"), gates(prefix + "bias_hh"));
        String[] out = graph.node("GRU", List.of(sequence,
                        graph.constant(prefix + "W", gates(prefix + "weight_ih"), 1, 3L * units, g.in()),
                        graph.constant(prefix + "R", gates(prefix + "weight_hh"), 1, 3L * units, units),
                        graph.constant(prefix + "B", biases, 1, 6L * units)), 2,
                attribute("hidden_size", units), attribute("linear_before_reset", 1));
        if (!g.returnSequences()) {
            return graph.node("Squeeze", List.of(out[1], graph.longs("direction_axis", 0)));
        }
        String states = graph.node("Squeeze", List.of(out[0], graph.longs("direction_axis", 1)));
        String channelsFirst = graph.node("Transpose", List.of(states), attribute("perm", new long[] {1, 2, 0}));
        return graph.node("Unsqueeze", List.of(channelsFirst, graph.longs("band_axis", 2)));
    }

    /**
     * An LSTM over the width of map {@code x}: [batch, c, h, w] to the sequence [w, batch, c·h] ONNX reads, each
     * direction's arrays stacked (forward first), and every state back as the map [batch, directions·units, 1, w],
     * forward states first as in torch.
     */
    private String lstm(String x, Lstm l, Shape in) {
        String rows = graph.node("Reshape", List.of(x, graph.longs("sequence_shape", 0, l.in(), in.width())));
        String sequence = graph.node("Transpose", List.of(rows), attribute("perm", new long[] {2, 0, 1}));
        float[] w = new float[0];
        float[] r = new float[0];
        float[] b = new float[0];
        for (String d : WeightLayout.lstmDirections(l)) {
            w = concat(w, gates(prefix + "weight_ih" + d, ONNX_LSTM_GATE_ORDER));
            r = concat(r, gates(prefix + "weight_hh" + d, ONNX_LSTM_GATE_ORDER));
            b = concat(b, concat(gates(prefix + "bias_ih" + d, ONNX_LSTM_GATE_ORDER),
                    gates(prefix + "bias_hh" + d, ONNX_LSTM_GATE_ORDER)));
        }
        int units = l.units();
        long directions = l.directions();
        String[] out = graph.node("LSTM", List.of(sequence,
                        graph.constant(prefix + "W", w, directions, 4L * units, l.in()),
                        graph.constant(prefix + "R", r, directions, 4L * units, units),
                        graph.constant(prefix + "B", b, directions, 8L * units)), 1,
                attribute("hidden_size", units), attribute("direction", l.bidirectional() ? "bidirectional"
                        : "forward"));
        // Y is [steps, directions, batch, units]: to [batch, directions, units, steps], then one band high.
        String channelsFirst = graph.node("Transpose", List.of(out[0]), attribute("perm", new long[] {2, 1, 3, 0}));
        return graph.node("Reshape", List.of(channelsFirst,
                graph.longs("map_shape", 0, directions * units, 1, in.width())));
    }

    /**
     * Attention pooling of map {@code x} [batch, features, 1, steps]: scores score.weight · x [batch, 1, steps],
     * softmax over the steps, and the features summed with those weights, [batch, features].
     */
    private String attentionPooling(String x) {
        String sequence = graph.node("Squeeze", List.of(x, graph.longs("band_axis", 2)));
        String scores = graph.node("MatMul", List.of(weight(prefix + "score.weight"), sequence));
        String attention = graph.node("Softmax", List.of(scores), attribute("axis", 2));
        return graph.node("ReduceSum", List.of(graph.node("Mul", List.of(sequence, attention)),
                graph.longs("time_axis", 2)), attribute("keepdims", 0));
    }

    /** A GRU array of the layout with its three gate blocks (rows) in ONNX's order. */
    private float[] gates(String name) {
        return gates(name, ONNX_GATE_ORDER);
    }

    /** A recurrent array of the layout with its gate blocks (rows) in the order {@code order} lists them. */
    private float[] gates(String name, int[] order) {
        float[] values = weights.get(name).values();
        int block = values.length / order.length;
        float[] reordered = new float[values.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(values, order[i] * block, reordered, i * block, block);
        }
        return reordered;
    }

    private String weight(String name) {
        WeightArray array = weights.get(name);
        long[] dims = Arrays.stream(array.shape()).asLongStream().toArray();
        return graph.constant(name, array.values(), dims);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
