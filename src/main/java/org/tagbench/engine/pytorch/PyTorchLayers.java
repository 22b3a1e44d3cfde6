package org.tagbench.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
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
import org.tagbench.model.Nonlinearity;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.SpectrogramBatchNorm;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.TimeMaxPool;
import org.tagbench.model.TimePadding;
import org.tagbench.model.WeightLayout;

/**
 * Builds a {@link org.tagbench.model.ModelSpec}'s layers as DJL blocks, the same layers {@link Dl4jLayers} builds
 * for DL4J, and records which DJL parameter holds each array of the engine-neutral {@link WeightLayout}. Between
 * layers an example is what the spec's {@link org.tagbench.model.Shape} says: a feature map [batch, channels,
 * bands, frames] (NCHW, W = time), a sequence as a map one band high, a vector as [batch, n].
 * <p>
 * Weights start as DL4J's do, drawn by libtorch's generator: DJL's default for weights is He normal (std sqrt(2 /
 * fan in)), biases zero, batch norm scale 1 and shift 0 (running mean 0, variance 1); the GRU's weights are Glorot
 * uniform as in {@code Dl4jLayers}. This is the {@code dl4j} conventions' initialisation; under the others the
 * network loads {@link org.tagbench.engine.InitialWeights} over it.
 */
final class PyTorchLayers {
    private static final float ELU_ALPHA = 1f;

    /** The blocks of a chain, or of the graph node being added. */
    private SequentialBlock block = new SequentialBlock();
    /** A graph spec's nodes; null for a chain. */
    private PyTorchGraph graph;
    private final List<PyTorchWeight> weights = new ArrayList<>();
    /** How many blocks the spec's layers up to and including each one make. */
    private final List<Integer> ends = new ArrayList<>();
    private final BatchNormConvention batchNorm;
    /** The weight-layout name prefix of the spec layer being added. */
    private String prefix;

    private PyTorchLayers(BatchNormConvention batchNorm) {
        this.batchNorm = batchNorm;
    }

    /**
     * The blocks of {@code layers}, in order, in one sequential block, with batch norms as {@code batchNorm} says,
     * and where their weights live.
     */
    static PyTorchLayers of(List<LayerSpec> layers, BatchNormConvention batchNorm) {
        PyTorchLayers built = new PyTorchLayers(batchNorm);
        for (int i = 0; i < layers.size(); i++) {
            built.prefix = WeightLayout.prefix(i);
            built.add(layers.get(i));
            built.ends.add(built.block.getChildren().size());
        }
        return built;
    }

    /**
     * The blocks of {@code spec}: a chain as {@link #of(List, BatchNormConvention)} builds it, a graph as one
     * {@link PyTorchGraph} of a sequential block per node.
     */
    static PyTorchLayers of(ModelSpec spec, BatchNormConvention batchNorm) {
        if (spec.isChain()) {
            return of(spec.layers(), batchNorm);
        }
        PyTorchLayers built = new PyTorchLayers(batchNorm);
        List<Block> nodes = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            built.block = new SequentialBlock();
            built.prefix = WeightLayout.prefix(i);
            built.add(spec.layers().get(i));
            nodes.add(built.block);
        }
        built.graph = new PyTorchGraph(nodes, spec.inputs());
        return built;
    }

    /** The spec's layers as one block (not yet initialised). */
    Block block() {
        return graph == null ? block : graph;
    }

    /** Spec layer {@code layer}'s output for {@code input}, in inference mode. */
    NDList through(ParameterStore parameters, NDList input, int layer) {
        if (graph != null) {
            return graph.through(parameters, input, false, layer);
        }
        List<Block> children = block.getChildren().values();
        NDList x = input;
        for (int i = 0; i < ends.get(layer); i++) {
            x = children.get(i).forward(parameters, x, false);
        }
        return x;
    }

    /** The layout's arrays in layout order, each with the DJL parameter that holds it. */
    List<PyTorchWeight> weights() {
        return List.copyOf(weights);
    }

    private void add(LayerSpec layer) {
        if (layer instanceof TimePadding p) {
            // NDArray.pad lists (before, after) per axis from the last one, as torch.nn.functional.pad does.
            block.add(LambdaBlock.singleton(x -> x.pad(new Shape(p.left(), p.right()), 0), "timePadding"));
        } else if (layer instanceof TimeBatchNorm) {
            // One scale and shift per frame: the frames are axis 3 of [batch, 1, bands, frames].
            block.add(batchNorm("", 3));
        } else if (layer instanceof ConvBlock c) {
            addConv(c);
            block.add(batchNorm("bn.", 1));
            block.add(activation(c.activation()));
            Shape pool = new Shape(c.poolHeight(), c.poolWidth());
            // Floor mode: what does not fill a window is dropped, as DL4J's Truncate mode does.
            block.add(Pool.maxPool2dBlock(pool, pool, new Shape(0, 0), false));
        } else if (layer instanceof Dropout d) {
            block.add(ai.djl.nn.norm.Dropout.builder().optRate((float) d.rate()).build());
        } else if (layer instanceof DenseBlock d) {
            block.add(flatten());
            block.add(linear(d.out()));
            block.add(batchNorm("bn.", 1));
            block.add(activation(d.activation()));
        } else if (layer instanceof Gru g) {
            addGru(g);
        } else if (layer instanceof Lstm l) {
            addLstm(l);
        } else if (layer instanceof AttentionPooling) {
            addAttentionPooling();
        } else if (layer instanceof SigmoidOutput o) {
            // Logits: the loss works from them (stably), predictions apply the sigmoid.
            block.add(flatten());
            block.add(linear(o.tags()));
        } else if (layer instanceof SpectrogramBatchNorm) {
            // BatchNorm2d(1): the one channel of [batch, 1, bands, frames].
            block.add(batchNorm("", 1));
        } else if (layer instanceof TimeMaxPool t) {
            Shape window = new Shape(1, t.frames());
            block.add(Pool.maxPool2dBlock(window, window, new Shape(0, 0), false));
        } else if (layer instanceof ConvBn c) {
            Conv2d conv = Conv2d.builder()
                    .setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .setFilters(c.outChannels())
                    .optStride(new Shape(c.stride(), c.stride()))
                    .optPadding(new Shape(c.kernel() / 2, c.kernel() / 2))
                    .optBias(true)
                    .build();
            mapped(conv, "conv.");
            block.add(conv);
            block.add(batchNorm("bn.", 1));
            if (c.relu()) {
                block.add(Activation.reluBlock());
            }
        } else if (layer instanceof Add a) {
            block.add(new LambdaBlock(x -> new NDList(sum(x, a.relu())), "add"));
        } else if (layer instanceof Concat) {
            block.add(new LambdaBlock(x -> new NDList(NDArrays.concat(x, 1)), "concat"));
        } else if (layer instanceof Conv1dBlock c) {
            addConv1d(c);
        } else if (layer instanceof AveragePool a) {
            Shape window = new Shape(a.height(), a.width());
            // Floor mode, as the max pools; no padding, so every window averages its own values only.
            block.add(Pool.avgPool2dBlock(window, window, new Shape(0, 0), false, false));
        } else {
            throw new IllegalArgumentException("no PyTorch layer for " + layer);
        }
    }

    /**
     * A convolution with "same" padding in time and "same" or "valid" in frequency; for an even kernel "same" pads
     * one less before than after (as DL4J and Keras do), which libtorch's symmetric padding cannot, so an explicit
     * zero padding goes first. Odd kernels pad inside the convolution.
     */
    private void addConv(ConvBlock c) {
        int heightTotal = c.frequencyPadding() == ConvBlock.Padding.SAME ? c.kernelHeight() - 1 : 0;
        int widthTotal = c.kernelWidth() - 1;
        int top = heightTotal / 2;
        int left = widthTotal / 2;
        Shape padding = new Shape(top, left);
        if (heightTotal % 2 != 0 || widthTotal % 2 != 0) {
            Shape explicit = new Shape(left, widthTotal - left, top, heightTotal - top);
            block.add(LambdaBlock.singleton(x -> x.pad(explicit, 0), "samePadding"));
            padding = new Shape(0, 0);
        }
        Conv2d conv = Conv2d.builder()
                .setKernelShape(new Shape(c.kernelHeight(), c.kernelWidth()))
                .setFilters(c.outChannels())
                .optPadding(padding)
                .optBias(true)
                .build();
        mapped(conv, "conv.");
        block.add(conv);
    }

    /**
     * A 1D convolution block on a map one band high: the band axis goes for the block ([batch, channels, frames], so
     * that the kernel is the layout's [out, in, k] as torch.nn.Conv1d's) and comes back after the pool.
     */
    private void addConv1d(Conv1dBlock c) {
        block.add(LambdaBlock.singleton(x -> x.squeeze(2), "dropBandAxis"));
        Conv1d conv = Conv1d.builder()
                .setKernelShape(new Shape(c.kernel()))
                .optStride(new Shape(c.stride()))
                .optPadding(new Shape(c.padding()))
                .setFilters(c.outChannels())
                .optBias(true)
                .build();
        mapped(conv, "conv.");
        block.add(conv);
        block.add(batchNorm("bn.", 1));
        block.add(Activation.reluBlock());
        if (c.pool() > 1) {
            Shape pool = new Shape(c.pool());
            block.add(Pool.maxPool1dBlock(pool, pool, new Shape(0), false));
        }
        block.add(LambdaBlock.singleton(x -> x.expandDims(2), "bandAxis"));
    }

    /**
     * PyTorch's GRU (reset-after; gate blocks reset | update | new in weight_ih, weight_hh, bias_ih, bias_hh), which
     * is the layout's order, so its arrays map one to one. The feature map in front becomes a sequence over its
     * width with feature index channel * height + band, as {@link FeatureMapToSequence} does for DL4J; every state
     * leaves as a map one band high (to stack another GRU), or only the last as a vector.
     */
    private void addGru(Gru g) {
        block.add(new LambdaBlock(maps -> sequenceWithZeroStates(maps.singletonOrThrow(), g.units(), 1),
                "featureMapToSequence"));
        GRU gru = GRU.builder().setStateSize(g.units()).setNumLayers(1).optBatchFirst(true).build();
        gru.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
        // DJL names them l_0_i2h_WEIGHT, l_0_h2h_WEIGHT, l_0_i2h_BIAS, l_0_h2h_BIAS: torch.nn.GRU's order.
        List<Parameter> params = gru.getDirectParameters().values();
        String[] names = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
        for (int i = 0; i < names.length; i++) {
            weights.add(new PyTorchWeight(prefix + names[i], params.get(i), true));
        }
        block.add(gru);
        block.add(LambdaBlock.singleton(g.returnSequences() ? PyTorchLayers::sequenceAsMap : PyTorchLayers::lastStep,
                g.returnSequences() ? "sequenceAsMap" : "lastStep"));
    }

    /**
     * torch.nn.LSTM as DJL LSTM blocks (libtorch's own lstm; gate blocks input | forget | cell | output in
     * weight_ih, weight_hh, bias_ih, bias_hh, as the layout has them), one per direction: DJL 0.32's bidirectional
     * block hands libtorch both directions' weights before their biases, where libtorch wants each direction's four
     * arrays together, so the reverse direction is a second block on the time-reversed sequence. The feature map in
     * front becomes a sequence as for the GRU; every state leaves as a map one band high, [batch, directions *
     * units, 1, frames], forward states first, as torch.nn.LSTM concatenates them.
     */
    private void addLstm(Lstm l) {
        block.add(new LambdaBlock(maps -> sequenceWithZeroStates(maps.singletonOrThrow(), l.units(), 2),
                "featureMapToSequence"));
        List<Block> directions = new ArrayList<>();
        for (String suffix : WeightLayout.lstmDirections(l)) {
            LSTM lstm = LSTM.builder().setStateSize(l.units()).setNumLayers(1).optBatchFirst(true).build();
            lstm.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
            mappedRecurrent(lstm, "l_0_i2h_WEIGHT", "weight_ih" + suffix);
            mappedRecurrent(lstm, "l_0_h2h_WEIGHT", "weight_hh" + suffix);
            mappedRecurrent(lstm, "l_0_i2h_BIAS", "bias_ih" + suffix);
            mappedRecurrent(lstm, "l_0_h2h_BIAS", "bias_hh" + suffix);
            directions.add(directions.isEmpty() ? lstm : new SequentialBlock()
                    .add(new LambdaBlock(PyTorchLayers::timeReversed, "timeReversed"))
                    .add(lstm)
                    .add(new LambdaBlock(PyTorchLayers::timeReversed, "timeReversed")));
        }
        block.add(new ParallelBlock(outputs -> new NDList(NDArrays.concat(new NDList(outputs.stream()
                .map(NDList::head).toList()), 2)), directions));
        block.add(LambdaBlock.singleton(PyTorchLayers::sequenceAsMap, "sequenceAsMap"));
    }

    /** The list's first array (a batch-first sequence) reversed in time; states and cells as they are. */
    private static NDList timeReversed(NDList sequenceAndStates) {
        NDList reversed = new NDList(sequenceAndStates.head().flip(1));
        reversed.addAll(sequenceAndStates.subNDList(1));
        return reversed;
    }

    private void mappedRecurrent(Block recurrent, String djlName, String layoutName) {
        weights.add(new PyTorchWeight(prefix + layoutName, recurrent.getDirectParameters().get(djlName), true));
    }

    /**
     * Attention pooling: a bias-free linear layer (weight [1, features], the layout's score.weight) scores every
     * step of the sequence, softmax over the steps weighs them, and their weighted sum leaves as [batch, features].
     */
    private void addAttentionPooling() {
        Linear score = Linear.builder().setUnits(1).optBias(false).build();
        weights.add(new PyTorchWeight(prefix + "score.weight", score.getDirectParameters().get("weight"), true));
        block.add(LambdaBlock.singleton(PyTorchLayers::asSequence, "mapAsSequence"));
        block.add(new ParallelBlock(branches -> {
            NDArray sequence = branches.get(0).singletonOrThrow();
            NDArray weightsOverTime = branches.get(1).singletonOrThrow().softmax(1);
            return new NDList(sequence.mul(weightsOverTime).sum(new int[] {1}));
        }, List.of(LambdaBlock.singleton(steps -> steps, "steps"), score)));
    }

    /**
     * The map as a sequence ({@link #asSequence}), and {@code states} zero initial states of [1, batch, units] (the
     * GRU's state; the LSTM's state and cell) of the input's data type (DJL's own default state is always float32).
     */
    private static NDList sequenceWithZeroStates(NDArray map, int units, int states) {
        NDList list = new NDList(asSequence(map));
        for (int i = 0; i < states; i++) {
            list.add(map.getManager().zeros(new Shape(1, map.getShape().get(0), units), map.getDataType()));
        }
        return list;
    }

    /**
     * [batch, channels, bands, frames] to the sequence [batch, frames, channels * bands]: feature index channel *
     * height + band, as {@link FeatureMapToSequence} does for DL4J.
     */
    private static NDArray asSequence(NDArray map) {
        Shape s = map.getShape();
        return map.reshape(s.get(0), s.get(1) * s.get(2), s.get(3)).transpose(0, 2, 1);
    }

    private static NDArray sequenceAsMap(NDArray states) {
        Shape s = states.getShape();
        return states.transpose(0, 2, 1).reshape(s.get(0), s.get(2), 1, s.get(1));
    }

    private static NDArray lastStep(NDArray states) {
        return states.get(":, -1, :");
    }

    /** The element-wise sum of {@code inputs}, through a ReLU if {@code relu}. */
    private static NDArray sum(NDList inputs, boolean relu) {
        NDArray total = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            total = total.add(inputs.get(i));
        }
        return relu ? Activation.relu(total) : total;
    }

    private static Block activation(Nonlinearity activation) {
        return switch (activation) {
            case ELU -> Activation.eluBlock(ELU_ALPHA);
            case RELU -> Activation.reluBlock();
        };
    }

    private static Block flatten() {
        // Row-major reshape of an NCHW map: channel-major features, as DL4J flattens.
        return LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), -1), "flatten");
    }

    private Linear linear(int units) {
        Linear linear = Linear.builder().setUnits(units).optBias(true).build();
        mapped(linear, "linear.");
        return linear;
    }

    /** Records a convolution's or linear layer's weight and bias (DJL names them as PyTorch does). */
    private void mapped(Block layer, String part) {
        weights.add(new PyTorchWeight(prefix + part + "weight", layer.getDirectParameters().get("weight"), true));
        weights.add(new PyTorchWeight(prefix + part + "bias", layer.getDirectParameters().get("bias"), true));
    }

    private PyTorchBatchNorm batchNorm(String part, int axis) {
        PyTorchBatchNorm bn = new PyTorchBatchNorm(axis, batchNorm);
        Parameter[] params = bn.parameters();
        String[] names = {"weight", "bias", "running_mean", "running_var"};
        for (int i = 0; i < names.length; i++) {
            weights.add(new PyTorchWeight(prefix + part + names[i], params[i], false));
        }
        return bn;
    }
}
