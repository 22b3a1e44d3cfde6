package org.tagbench.engine.dl4j;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small double-precision networks around {@link GruLayer} for the engine tests. */
final class GruNetworks {
    /** Mel bands and frames of the small CRNN's input; two pools leave a 3 x 1 x 3 map, i.e. 3 steps of 3. */
    static final int MELS = 8;
    static final int FRAMES = 12;

    private GruNetworks() {
    }

    /** GRUs of the given widths, the last returning its whole state sequence or only its last state. */
    static MultiLayerNetwork grus(long nIn, long steps, boolean sequenceOut, int... units) {
        return init(stack(units, sequenceOut).setInputType(InputType.recurrent(nIn, steps)).build());
    }

    /** GRUs of the given widths into a sigmoid output layer trained with binary cross-entropy (XENT). */
    static MultiLayerNetwork grusWithOutput(long nIn, long steps, int tags, int... units) {
        return init(stack(units, false).layer(output(tags)).setInputType(InputType.recurrent(nIn, steps)).build());
    }

    private static NeuralNetConfiguration.ListBuilder stack(int[] units, boolean sequenceOut) {
        NeuralNetConfiguration.ListBuilder list = base().list();
        for (int i = 0; i < units.length; i++) {
            list.layer(new GruLayer.Builder().units(units[i])
                    .returnSequences(sequenceOut || i < units.length - 1).build());
        }
        return list;
    }

    /** A bidirectional {@link LstmLayer} of {@code units} per direction, attention pooling, a sigmoid output. */
    static MultiLayerNetwork lstmWithAttention(long nIn, long steps, int tags, int units) {
        return init(base().list()
                .layer(new LstmLayer.Builder().units(units).bidirectional(true).build())
                .layer(new AttentionPoolingLayer.Builder().build())
                .layer(output(tags))
                .setInputType(InputType.recurrent(nIn, steps)).build());
    }

    /** A miniature CRNN: two conv / batch-norm / ELU / max-pool blocks, two GRUs, sigmoid outputs. */
    static MultiLayerConfiguration crnn(int tags, IUpdater updater, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = base().updater(updater).dataType(dataType).list();
        int[][] pools = {{2, 2}, {4, 2}};
        int[] widths = {2, 3};
        for (int i = 0; i < widths.length; i++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).nOut(widths[i]).convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.IDENTITY).build());
            list.layer(new BatchNormalization.Builder().build());
            list.layer(new ActivationLayer(Activation.ELU));
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(pools[i]).stride(pools[i]).build());
        }
        list.layer(new GruLayer.Builder().units(4).returnSequences(true).build());
        list.layer(new GruLayer.Builder().units(3).build());
        list.layer(output(tags));
        return list.setInputType(InputType.convolutional(MELS, FRAMES, 1)).build();
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .updater(new NoOp());
    }

    private static OutputLayer output(int tags) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(tags).activation(Activation.SIGMOID)
                .build();
    }
}
