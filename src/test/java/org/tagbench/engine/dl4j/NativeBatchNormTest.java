package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The native batch norm path against DL4J's own Java one, an independent implementation of the same layer: from the
 * same weights, three SGD steps on the same batches leave every array (weights, running mean and variance) equal
 * within float32 rounding, over a convolution's 4-D batch norm and a dense layer's 2-D one.
 */
class NativeBatchNormTest {
    @Test
    void givesEveryBatchNormTheNativePathAndTrainsAsDl4jsOwnPath() {
        MultiLayerNetwork java = network();
        MultiLayerNetwork nativeOps = network();
        nativeOps.setParams(java.params().dup());
        NativeBatchNorm.setInto(nativeOps.getLayers());

        for (int layer : new int[] {1, 3}) {
            assertNull(java.getLayer(layer).getHelper());
            assertInstanceOf(MKLDNNBatchNormHelper.class, nativeOps.getLayer(layer).getHelper());
        }
        SideBySideSteps.assertTrainAlike(java, nativeOps, 3, 3, 2, 5, 7);
        // A step moved the running statistics, so equal ones say both paths fed them.
        assertTrue(java.getParam("1_mean").amaxNumber().doubleValue() > 0.01);
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).decay(0.9).eps(1e-5).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).decay(0.9).eps(1e-5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(3).build())
                .setInputType(InputType.convolutional(5, 7, 2))
                .build());
        network.init();
        return network;
    }
}
