package org.tagbench.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.DenseBlock;
import org.tagbench.model.Dropout;
import org.tagbench.model.Gru;
import org.tagbench.model.LayerSpec;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.TimePadding;

/**
 * Appends a {@link org.tagbench.model.ModelSpec}'s layers to a DL4J layer list. DL4J adds the flattening and
 * feature-map-to-sequence steps by itself from the input types.
 */
final class Dl4jLayers {
    private final NeuralNetConfiguration.ListBuilder list;
    /** Set after a per-frame batch norm: the next layer swaps time back out of the channels. */
    private boolean timeInChannels;

    private Dl4jLayers(NeuralNetConfiguration.ListBuilder list) {
        this.list = list;
    }

    /** Appends the DL4J layers of {@code layers}, in order, to {@code list}. */
    static void append(NeuralNetConfiguration.ListBuilder list, Iterable<LayerSpec> layers) {
        Dl4jLayers appender = new Dl4jLayers(list);
        for (LayerSpec layer : layers) {
            appender.add(layer);
        }
    }

    private void add(LayerSpec layer) {
        if (layer instanceof TimePadding p) {
            add(new ZeroPaddingLayer.Builder(0, 0, p.left(), p.right()).build());
        } else if (layer instanceof TimeBatchNorm) {
            list.inputPreProcessor(list.getLayerwise().size(), new TimeAsChannels());
            list.layer(new BatchNormalization.Builder().build());
            timeInChannels = true;
        } else if (layer instanceof ConvBlock c) {
            addConv(c);
            add(new BatchNormalization.Builder().build());
            add(new ActivationLayer(Activation.ELU));
            add(new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(c.poolHeight(), c.poolWidth())
                    .stride(c.poolHeight(), c.poolWidth())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
        } else if (layer instanceof Dropout d) {
            // DL4J's argument is the probability to keep a value.
            add(new DropoutLayer(1 - d.rate()));
        } else if (layer instanceof DenseBlock d) {
            add(new DenseLayer.Builder().nOut(d.out()).activation(Activation.IDENTITY).build());
            add(new BatchNormalization.Builder().build());
            add(new ActivationLayer(Activation.ELU));
        } else if (layer instanceof Gru g) {
            // Glorot, as Keras initialises a GRU's kernels: the network's He default saturates the gates.
            add(new GruLayer.Builder().units(g.units()).returnSequences(g.returnSequences())
                    .weightInit(WeightInit.XAVIER_UNIFORM).build());
        } else if (layer instanceof SigmoidOutput o) {
            add(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                    .nOut(o.tags())
                    .activation(Activation.SIGMOID)
                    .build());
        } else {
            throw new IllegalArgumentException("no DL4J layer for " + layer);
        }
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
        add(new ConvolutionLayer.Builder(c.kernelHeight(), c.kernelWidth())
                .nOut(c.outChannels())
                .convolutionMode(mode)
                .activation(Activation.IDENTITY)
                .build());
    }

    private void add(Layer layer) {
        if (timeInChannels) {
            list.inputPreProcessor(list.getLayerwise().size(), new TimeAsChannels());
            timeInChannels = false;
        }
        list.layer(layer);
    }
}
