package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.MelSpectrogramTest;

class MelFrontEndLayerTest {
    /** Settings unlike the defaults in every kind of value, so that a lost or mangled one shows after a round trip. */
    private static final FeatureConfig UNUSUAL = ConfigLoader.features(null, List.of("features.n_fft=256",
            "features.hop_length=100", "features.n_mels=12", "features.fmin=50", "features.fmax=5000",
            "features.pad_mode=constant", "features.mel_scale=htk", "features.top_db=80", "features.frontend=network"));
    private static final int SAMPLES = 2000;

    static Stream<JsonNode> settings() throws IOException {
        return MelSpectrogramTest.settings();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("settings")
    void aBatchComesOutAsTheDeviceMelSpectrogramAndTheReference(JsonNode s) {
        List<JsonNode> cases = new ArrayList<>();
        s.get("cases").forEach(cases::add);
        int samples = MelSpectrogramTest.samples(cases.get(0)).length;
        // The golden cases of the clip length in common (all but the clip shorter than n_fft) as one batch.
        cases.removeIf(c -> c.get("samples").size() != samples);
        float[][] pcm = cases.stream().map(MelSpectrogramTest::samples).toArray(float[][]::new);
        FeatureConfig features = MelSpectrogramTest.features(s);

        INDArray out = frontEndAlone(features, samples).output(Nd4j.create(pcm));

        INDArray device = new DeviceMelSpectrogram(features).compute(Nd4j.create(pcm));
        assertArrayEquals(new long[] {pcm.length, 1, device.size(1), device.size(2)}, out.shape());
        assertArrayEquals(device.dup('c').data().asFloat(), out.dup('c').data().asFloat());
        for (int i = 0; i < pcm.length; i++) {
            DeviceMelSpectrogramTest.assertWithinFloat32Accuracy(s, cases.get(i),
                    out.get(NDArrayIndex.point(i), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()));
        }
    }

    @Test
    void monoAudioAsOneChannelTimeSeriesGivesTheSameSpectrogram() {
        float[][] pcm = noise(3, SAMPLES, 4);
        INDArray flat = frontEndAlone(UNUSUAL, SAMPLES).output(Nd4j.create(pcm));

        INDArray series = frontEndAlone(UNUSUAL, InputType.recurrent(1, SAMPLES))
                .output(Nd4j.create(pcm).reshape(3, 1, SAMPLES));

        assertEquals(flat, series);
    }

    @Test
    void outputTypeIsOneImageOfMelBandsByFramesAndStereoIsRejected() {
        MelFrontEndLayer layer = new MelFrontEndLayer(UNUSUAL);
        // Constant centre padding of n_fft/2 each side: 1 + 2000 / 100 frames.
        InputType image = InputType.convolutional(12, 21, 1);
        assertEquals(image, layer.getOutputType(0, InputType.feedForward(SAMPLES)));
        LayerMemoryReport memory = layer.getMemoryReport(InputType.feedForward(SAMPLES));
        assertEquals(image, memory.getOutputType());
        assertEquals(0, memory.getParameterSize());
        IllegalStateException stereo = assertThrows(IllegalStateException.class,
                () -> layer.getOutputType(0, InputType.recurrent(2, SAMPLES)));
        assertTrue(stereo.getMessage().contains("is not mono audio"), stereo.getMessage());
    }

    @Test
    void configurationRoundTripsThroughJsonWithTheMelSettings() {
        MultiLayerConfiguration configuration = smallNetwork().getLayerWiseConfigurations();

        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(configuration.toJson());

        assertEquals(configuration, back);
        assertEquals(UNUSUAL, ((MelFrontEndLayer) back.getConf(0).getLayer()).features());
    }

    @Test
    void aSavedNetworkEatsRawAudioAfterRestoreWithIdenticalOutputs(@TempDir Path dir) throws IOException {
        MultiLayerNetwork network = smallNetwork();
        INDArray audio = Nd4j.create(noise(4, SAMPLES, 8));
        File file = dir.resolve("network.zip").toFile();

        ModelSerializer.writeModel(network, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);

        assertEquals(0, restored.getLayer(0).numParams());
        assertEquals(network.numParams(), restored.numParams());
        assertArrayEquals(network.output(audio).data().asFloat(), restored.output(audio).data().asFloat());
    }

    /** The front end, a convolution and a sigmoid output on raw audio: enough to carry weights through a save. */
    private static MultiLayerNetwork smallNetwork() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new MelFrontEndLayer(UNUSUAL))
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(2).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.feedForward(SAMPLES))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    private static MultiLayerNetwork frontEndAlone(FeatureConfig features, int samples) {
        return frontEndAlone(features, InputType.feedForward(samples));
    }

    private static MultiLayerNetwork frontEndAlone(FeatureConfig features, InputType input) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(new MelFrontEndLayer(features))
                .setInputType(input)
                .build());
        network.init();
        return network;
    }

    private static float[][] noise(int rows, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] pcm = new float[rows][samples];
        for (float[] row : pcm) {
            for (int i = 0; i < samples; i++) {
                row[i] = (float) (0.3 * random.nextGaussian());
            }
        }
        return pcm;
    }
}
