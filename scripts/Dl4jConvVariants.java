import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Times DL4J training steps of a k2c2-shaped network (widths 67,135,135,203,271: about 1M parameters, input
 * 96 x 141, batch 16) under one convolution variant, for docs/benchmarks.md ("Why DL4J is slower").
 * Usage: java -cp target/tagbench.jar scripts/Dl4jConvVariants.java NCHW|NHWC HELPERS(true|false) ONEDNN(true|false)
 */
public class Dl4jConvVariants {
    public static void main(String[] args) {
        CNN2DFormat format = CNN2DFormat.valueOf(args[0]);
        Nd4j.getEnvironment().allowHelpers(Boolean.parseBoolean(args[1]));
        Nd4jCpu.Environment.getInstance().setUseONEDNN(Boolean.parseBoolean(args[2]));
        int[] widths = {67, 135, 135, 203, 271};
        int[][] pools = {{2, 4}, {2, 4}, {2, 4}, {3, 5}, {4, 4}};
        int frames = 141;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU).list();
        for (int i = 0; i < widths.length; i++) {
            int poolFrames = Math.min(pools[i][1], frames);
            list.layer(new ConvolutionLayer.Builder(3, 3).nOut(widths[i]).convolutionMode(ConvolutionMode.Same)
                    .dataFormat(format).activation(Activation.IDENTITY).build());
            list.layer(new BatchNormalization.Builder().dataFormat(format).build());
            list.layer(new ActivationLayer(Activation.ELU));
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(pools[i][0], poolFrames)
                    .stride(pools[i][0], poolFrames).dataFormat(format).build());
            frames = Math.max(1, frames / poolFrames);
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(50).activation(Activation.SIGMOID)
                .build());
        list.setInputType(InputType.convolutional(96, 141, 1, format));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        INDArray x = format == CNN2DFormat.NCHW ? Nd4j.rand(16, 1, 96, 141) : Nd4j.rand(16, 96, 141, 1);
        INDArray y = Nd4j.rand(16, 50).gt(0.5).castTo(DataType.FLOAT);
        long[] nanos = new long[12];
        for (int step = -2; step < nanos.length; step++) {
            long start = System.nanoTime();
            net.fit(x, y);
            if (step >= 0) {
                nanos[step] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%s helpers %s (DL4J's oneDNN layer helpers %s) oneDNN %s: %,d params, median step %.3f s,"
                        + " loss %.4f%n", format, Nd4j.getEnvironment().helpersAllowed(),
                BaseMKLDNNHelper.mklDnnEnabled() ? "on" : "off", Nd4jCpu.Environment.getInstance().isUseONEDNN(),
                net.numParams(), (nanos[5] + nanos[6]) / 2e9, net.score());
    }
}
