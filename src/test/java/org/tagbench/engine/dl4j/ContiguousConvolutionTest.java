package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The contiguous convolution against DL4J's own path, an independent implementation of the same layer: from the same
 * weights, three SGD steps on the same batches leave every array equal within float32 rounding, over the convolutions
 * tagbench builds (Same mode 3 x 3 with ReLU, explicitly padded 1 x 3 with a stride, a strided 3 x 3 with symmetric
 * padding before batch norm), with the forward cache tagbench sets (columns kept for the backward pass) and without.
 * The convolutions may not fall back to DL4J's path, so a failing helper fails the test instead of hiding.
 */
class ContiguousConvolutionTest {
    private static final int[] CONVOLUTIONS = {0, 2, 3};

    @ParameterizedTest
    @EnumSource(value = CacheMode.class, names = {"NONE", "DEVICE"})
    void givesEveryConvolutionTheContiguousPathAndTrainsAsDl4jsOwnPath(CacheMode cache) {
        MultiLayerNetwork dl4j = network(cache);
        MultiLayerNetwork contiguous = network(cache);
        INDArray start = dl4j.params().dup();
        contiguous.setParams(start);
        ContiguousConvolution.setInto(contiguous.getLayers());

        for (int layer : CONVOLUTIONS) {
            assertNull(dl4j.getLayer(layer).getHelper());
            assertInstanceOf(ContiguousConvolution.class, contiguous.getLayer(layer).getHelper());
        }
        SideBySideSteps.assertTrainAlike(dl4j, contiguous, 5, 3, 2, 7, 13);
        // The steps moved the weights, so equal ones say both backward passes agree.
        assertTrue(dl4j.params().sub(start).amaxNumber().doubleValue() > 0.01);
    }

    private static MultiLayerNetwork network(CacheMode cache) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(13)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .cacheMode(cache)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).cudnnAllowFallback(false).build())
                .layer(new ZeroPaddingLayer.Builder(0, 0, 1, 1).build())
                .layer(new ConvolutionLayer.Builder(1, 3).stride(1, 3).nOut(5)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY)
                        .cudnnAllowFallback(false).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(3)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY)
                        .cudnnAllowFallback(false).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).decay(0.9).eps(1e-5).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(3).build())
                .setInputType(InputType.convolutional(7, 13, 2))
                .build());
        network.init();
        return network;
    }
}
