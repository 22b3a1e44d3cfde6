package org.tagbench.engine.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.tagbench.engine.BatchNormConvention;
import org.tagbench.engine.LossForm;
import org.tagbench.engine.TrainingConventions;
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
import org.tagbench.model.Shape;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.SpectrogramBatchNorm;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.TimeMaxPool;
import org.tagbench.model.TimePadding;
import org.tagbench.model.WeightLayout;

/**
 * Builds a {@link ModelSpec}'s layers as DL4J layers under {@link TrainingConventions}, in node order, and records
 * where each array of the engine-neutral {@link WeightLayout} lands, how many values per example each batch norm
 * sees per feature, and which layers each spec node made: {@link Dl4jStack} lists them as one stack (a chain),
 * {@link Dl4jGraph} wires them node by node (a graph), an {@link Add} or {@link Concat} node starting with its
 * join vertex. Layers are counted from 0 over the whole network, any leading layer (the mel front end) first.
 * DL4J adds the flattening and feature-map-to-sequence steps by itself from the input types. Weights start as
 * DL4J's defaults draw them: He normal (the network's WeightInit.RELU), zero biases, Glorot uniform GRU weights,
 * the {@code dl4j} conventions' initialisation; under the others the network loads
 * {@link org.tagbench.engine.InitialWeights} over them.
 */
final class Dl4jLayers {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final String B = DefaultParamInitializer.BIAS_KEY;

    private final TrainingConventions conventions;
    /** Whether the layers are wired as a graph: a node then leaves its output in the spec's layout. */
    private final boolean graph;
    /** How many layers come before the spec's. */
    private final int leading;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Integer, InputPreProcessor> preProcessors = new HashMap<>();
    private final Map<Integer, GraphVertex> joins = new HashMap<>();
    private final List<Dl4jWeight> weights = new ArrayList<>();
    private final List<Dl4jBatchNorm> batchNorms = new ArrayList<>();
    /** The index of each spec node's last layer (one less than its first when a join vertex is all it is). */
    private final List<Integer> lastLayers = new ArrayList<>();
    /** Set after a per-frame batch norm: the next layer swaps time back out of the channels. */
    private boolean timeInChannels;
    /** The weight-layout name prefix of the spec layer being added. */
    private String prefix;
    /** The shape of one example entering the spec layer being added. */
    private Shape input;

    private Dl4jLayers(TrainingConventions conventions, boolean graph, List<Layer> leading) {
        this.conventions = conventions;
        this.graph = graph;
        this.leading = leading.size();
        layers.addAll(leading);
    }

    /**
     * The DL4J layers of {@code spec} after {@code leading} (layers the network's input passes through first),
     * for a stack if the spec is a chain, else for a graph.
     */
    static Dl4jLayers of(ModelSpec spec, TrainingConventions conventions, List<Layer> leading) {
        Dl4jLayers built = new Dl4jLayers(conventions, !spec.isChain(), leading);
        List<LayerSpec> nodes = spec.layers();
        List<Shape> outputs = spec.shapes();
        for (int i = 0; i < nodes.size(); i++) {
            built.prefix = WeightLayout.prefix(i);
            built.input = spec.inputShapes(i, outputs).get(0);
            built.add(nodes.get(i));
            if (built.graph && built.timeInChannels) {
                // A node's consumers may be several, or a join: the node swaps time back itself.
                built.add(new ActivationLayer(Activation.IDENTITY));
            }
            built.lastLayers.add(built.layers.size() - 1);
        }
        return built;
    }

    /** Whether the layers are wired as a graph (the spec is not a chain). */
    boolean graph() {
        return graph;
    }

    /** How many layers come before the spec's first node's (the network's input passes through them first). */
    int leading() {
        return leading;
    }

    /** Every layer, in order. */
    List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** The preprocessor in front of layer {@code index}, or null for what DL4J adds from the input types. */
    InputPreProcessor preProcessor(int index) {
        return preProcessors.get(index);
    }

    /** The join vertex spec node {@code node} starts with (an add or a concat), or null. */
    GraphVertex join(int node) {
        return joins.get(node);
    }

    /** Where each array of the weight layout lives. */
    List<Dl4jWeight> weights() {
        return List.copyOf(weights);
    }

    /** The index of the last layer of each spec node, in spec order (see {@link #lastLayers}). */
    List<Integer> lastLayers() {
        return List.copyOf(lastLayers);
    }

    /** The batch norm layers, in order. */
    List<Dl4jBatchNorm> batchNorms() {
        return List.copyOf(batchNorms);
    }

    private void add(LayerSpec layer) {
        if (layer instanceof TimePadding p) {
            add(new ZeroPaddingLayer.Builder(0, 0, p.left(), p.right()).build());
        } else if (layer instanceof TimeBatchNorm) {
            preProcessors.put(layers.size(), new TimeAsChannels());
            // One feature per frame: its values are an example's channels x bands.
            batchNorm("", (long) input.channels() * input.height());
            timeInChannels = true;
        } else if (layer instanceof ConvBlock c) {
            addConv(c);
            Shape convolved = c.convolved(input);
            batchNorm("bn.", (long) convolved.height() * convolved.width());
            add(new ActivationLayer(activation(c.activation())));
            add(new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(c.poolHeight(), c.poolWidth())
                    .stride(c.poolHeight(), c.poolWidth())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        } else if (layer instanceof Dropout d) {
            // DL4J's argument is the probability to keep a value.
            add(new DropoutLayer(1 - d.rate()));
        } else if (layer instanceof DenseBlock d) {
            mapped("linear.", true);
            add(new DenseLayer.Builder().nOut(d.out()).activation(Activation.IDENTITY).build());
            batchNorm("bn.", 1);
            add(new ActivationLayer(activation(d.activation())));
        } else if (layer instanceof Gru g) {
            int index = layers.size();
            weights.add(new Dl4jWeight(prefix + "weight_ih", index, GruLayer.INPUT_WEIGHTS, true));
            weights.add(new Dl4jWeight(prefix + "weight_hh", index, GruLayer.RECURRENT_WEIGHTS, true));
            weights.add(new Dl4jWeight(prefix + "bias_ih", index, GruLayer.INPUT_BIAS, false));
            weights.add(new Dl4jWeight(prefix + "bias_hh", index, GruLayer.RECURRENT_BIAS, false));
            // Glorot, as Keras initialises a GRU's kernels: the network's He default saturates the gates.
            add(new GruLayer.Builder().units(g.units()).returnSequences(g.returnSequences())
                    .weightInit(WeightInit.XAVIER_UNIFORM).build());
        } else if (layer instanceof Lstm l) {
            int index = layers.size();
            List<String> layout = WeightLayout.lstmDirections(l);
            LstmLayer lstm = new LstmLayer.Builder().units(l.units()).bidirectional(l.bidirectional())
                    .weightInit(WeightInit.XAVIER_UNIFORM).build();
            for (int d = 0; d < layout.size(); d++) {
                String dl4j = lstm.directions().get(d);
                weights.add(new Dl4jWeight(prefix + "weight_ih" + layout.get(d), index,
                        LstmLayer.INPUT_WEIGHTS + dl4j, true));
                weights.add(new Dl4jWeight(prefix + "weight_hh" + layout.get(d), index,
                        LstmLayer.RECURRENT_WEIGHTS + dl4j, true));
                weights.add(new Dl4jWeight(prefix + "bias_ih" + layout.get(d), index, LstmLayer.INPUT_BIAS + dl4j,
                        false));
                weights.add(new Dl4jWeight(prefix + "bias_hh" + layout.get(d), index,
                        LstmLayer.RECURRENT_BIAS + dl4j, false));
            }
            // Glorot, as for the GRU: the network's He default saturates the gates.
            add(lstm);
        } else if (layer instanceof AttentionPooling) {
            weights.add(new Dl4jWeight(prefix + "score.weight", layers.size(),
                    AttentionPoolingLayer.SCORE_WEIGHTS, true));
            add(new AttentionPoolingLayer.Builder().build());
        } else if (layer instanceof SigmoidOutput o) {
            mapped("linear.", true);
            // From logits the network outputs logits, and Dl4jNetwork.predict applies the sigmoid (or softmax).
            OutputLayer.Builder output = switch (conventions.objective()) {
                case BCE -> conventions.loss() == LossForm.LOGITS
                        ? new OutputLayer.Builder(new LogitBinaryCrossEntropy()).activation(Activation.IDENTITY)
                        : new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID);
                case CROSS_ENTROPY -> new OutputLayer.Builder(new LogitCrossEntropy()).activation(Activation.IDENTITY);
                // DL4J's LossMSE is the mean over the outputs, so the batch's score is the mean over every value.
                case MSE -> new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.SIGMOID);
            };
            add(output.nOut(o.tags()).build());
        } else if (layer instanceof SpectrogramBatchNorm) {
            // One feature, the input's one channel: its values are an example's bands x frames.
            batchNorm("", (long) input.height() * input.width());
        } else if (layer instanceof TimeMaxPool t) {
            add(new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(1, t.frames())
                    .stride(1, t.frames())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        } else if (layer instanceof Conv1dBlock c) {
            addConv1d(c);
        } else if (layer instanceof ConvBn c) {
            addConvBn(c);
        } else if (layer instanceof Add a) {
            joins.put(lastLayers.size(), new ElementWiseVertex(ElementWiseVertex.Op.Add));
            if (a.relu()) {
                add(new ActivationLayer(Activation.RELU));
            }
        } else if (layer instanceof Concat) {
            // On feature maps DL4J merges along the channel axis, as torch.cat(..., dim=1).
            joins.put(lastLayers.size(), new MergeVertex());
        } else if (layer instanceof AveragePool a) {
            // Truncate: what does not fill a window is dropped, as for the max pools.
            add(new SubsamplingLayer.Builder(PoolingType.AVG)
                    .kernelSize(a.height(), a.width())
                    .stride(a.height(), a.width())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        } else {
            throw new IllegalArgumentException("no DL4J layer for " + layer);
        }
    }

    private static Activation activation(Nonlinearity activation) {
        return switch (activation) {
            case ELU -> Activation.ELU;
            case RELU -> Activation.RELU;
        };
    }

    /**
     * DL4J's Same mode pads both axes; a convolution "valid" in frequency gets its time padding from a
     * ZeroPaddingLayer instead, split as Same would (one less before than after for an even kernel).
     */
    private void addConv(ConvBlock c) {
        ConvolutionMode mode = ConvolutionMode.Same;
        if (c.frequencyPadding() == ConvBlock.Padding.VALID) {
            int total = c.kernelWidth() - 1;
            add(new ZeroPaddingLayer.Builder(0, 0, total / 2, total - total / 2).build());
            mode = ConvolutionMode.Truncate;
        }
        mapped("conv.", false);
        add(new ConvolutionLayer.Builder(c.kernelHeight(), c.kernelWidth())
                .nOut(c.outChannels())
                .convolutionMode(mode)
                .activation(Activation.IDENTITY)
                .build());
    }

    /**
     * A 1D convolution block as 2D layers on a map one band high (DL4J's Convolution1DLayer cannot be followed by
     * its batch norm): explicit zero padding then a 1 x k convolution without padding, so that a stride pads as
     * torch.nn.Conv1d does (DL4J's Same mode would pad a strided convolution differently).
     */
    private void addConv1d(Conv1dBlock c) {
        if (c.padding() > 0) {
            add(new ZeroPaddingLayer.Builder(0, 0, c.padding(), c.padding()).build());
        }
        mapped("conv.", false);
        add(new ConvolutionLayer.Builder(1, c.kernel())
                .stride(1, c.stride())
                .nOut(c.outChannels())
                .convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.IDENTITY)
                .build());
        batchNorm("bn.", c.convolved(input).width());
        add(new ActivationLayer(Activation.RELU));
        if (c.pool() > 1) {
            add(new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(1, c.pool())
                    .stride(1, c.pool())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        }
    }

    /**
     * A square convolution with PyTorch's padding (kernel / 2 on every side, explicit so that a stride pads as
     * torch.nn.Conv2d does), batch norm and, if asked, ReLU.
     */
    private void addConvBn(ConvBn c) {
        mapped("conv.", false);
        add(new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                .stride(c.stride(), c.stride())
                .padding(c.kernel() / 2, c.kernel() / 2)
                .nOut(c.outChannels())
                .convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.IDENTITY)
                .build());
        Shape convolved = c.output(input);
        batchNorm("bn.", (long) convolved.height() * convolved.width());
        if (c.relu()) {
            add(new ActivationLayer(Activation.RELU));
        }
    }

    /**
     * A batch norm as the conventions say, whose running variance is kept as such (not DL4J's default log10 of the
     * deviation), so that it maps one to one onto the layout's {@code running_var}; it sees {@code valuesPerExample}
     * values of each feature in an example.
     */
    private void batchNorm(String part, long valuesPerExample) {
        int index = layers.size();
        batchNorms.add(new Dl4jBatchNorm(index, valuesPerExample));
        weights.add(new Dl4jWeight(prefix + part + "weight", index, BatchNormalizationParamInitializer.GAMMA, false));
        weights.add(new Dl4jWeight(prefix + part + "bias", index, BatchNormalizationParamInitializer.BETA, false));
        weights.add(new Dl4jWeight(prefix + part + "running_mean", index,
                BatchNormalizationParamInitializer.GLOBAL_MEAN, false));
        weights.add(new Dl4jWeight(prefix + part + "running_var", index,
                BatchNormalizationParamInitializer.GLOBAL_VAR, false));
        BatchNormConvention convention = conventions.batchNorm();
        add(new BatchNormalization.Builder().useLogStd(false).decay(convention.keptShare()).eps(convention.epsilon())
                .build());
    }

    /** Records the weight and bias of the next layer added, a convolution or (transposed) dense layer. */
    private void mapped(String part, boolean transposed) {
        int index = layers.size();
        weights.add(new Dl4jWeight(prefix + part + "weight", index, W, transposed));
        weights.add(new Dl4jWeight(prefix + part + "bias", index, B, false));
    }

    private void add(Layer layer) {
        if (timeInChannels) {
            preProcessors.put(layers.size(), new TimeAsChannels());
            timeInChannels = false;
        }
        layers.add(layer);
    }
}
