package org.tagbench.engine.dl4j;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.MelSpectrogram;

/**
 * A network's first layer that turns raw mono PCM into the log-mel spectrogram the convolutions eat, with the ND4J
 * ops of {@link org.tagbench.engine.dl4j.DeviceMelSpectrogram}: it runs on whatever backend is active and, being part
 * of the network's configuration, is saved and restored with the network, so a saved network eats audio. Without
 * parameters, unless its features say {@code trainable}: then its mel filterbank is a parameter,
 * {@value TrainableFrontEndParams#FILTERBANK} [n_mels, bins], and with {@code trainable_dft} its DFT basis too,
 * {@value TrainableFrontEndParams#DFT_BASIS} [n_fft, 2 bins] ({@link TrainableMelFrontEnd}), updated by the network's
 * optimizer without weight decay. Input: feed-forward {@code [batch, samples]} (or recurrent with one channel); output:
 * convolutional {@code [batch, 1, n_mels, frames]}. A {@link BaseLayer} so that the network's configuration gives it
 * its updater.
 */
public final class MelFrontEndLayer extends BaseLayer {
    /**
     * The mel settings, written into the network's JSON configuration by DL4J's (shaded) Jackson and read back into
     * the record through its canonical constructor, which checks them again. Not final: Jackson sets it after
     * creating the layer empty.
     */
    @JsonProperty("features")
    private FeatureConfig features;

    /** For DL4J's Jackson, which creates the layer empty and then sets its fields. */
    private MelFrontEndLayer() {
    }

    /** A front end computing the log-mel of {@code features}. */
    public MelFrontEndLayer(FeatureConfig features) {
        this.features = features;
    }

    /** The mel settings this layer computes. */
    public FeatureConfig features() {
        return features;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Layer layer = features.trainable() ? new TrainableMelFrontEnd(conf, networkDataType)
                : new MelFrontEndLayerRuntime(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        return layer;
    }

    /** The trainable front end's arrays, or none. */
    @Override
    public ParamInitializer initializer() {
        return features.trainable() ? new TrainableFrontEndParams() : EmptyParamInitializer.getInstance();
    }

    /** None: the filterbank and the DFT basis are front-end kernels, not weights that L2 should pull to zero. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The input size is the chunk's samples, which the features and the network's input type fix.
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long samples = samples(inputType);
        int frames = frames(samples);
        if (frames < 1) {
            throw new IllegalStateException("mel front end (layer " + layerIndex + "): " + samples
                    + " samples are too short for one frame of n_fft " + features.nFft());
        }
        return InputType.convolutional(features.nMels(), frames, 1);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        // Either accepted input is reshaped to [batch, samples] by the layer itself.
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType output = getOutputType(-1, inputType);
        long bins = features.nFft() / 2 + 1;
        long frames = output.arrayElementsPerExample() / features.nMels();
        // The largest intermediates: frames of n_fft samples and their real and imaginary spectra.
        long workingPerExample = frames * (features.nFft() + 2 * bins);
        return new LayerMemoryReport.Builder(layerName, MelFrontEndLayer.class, inputType, output)
                .standardMemory(0, 0)
                .workingMemory(0, workingPerExample, 0, workingPerExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private int frames(long samples) {
        return new MelSpectrogram(features).frames(Math.toIntExact(samples));
    }

    private static long samples(InputType inputType) {
        if (inputType instanceof InputType.InputTypeFeedForward feedForward) {
            return feedForward.getSize();
        }
        if (inputType instanceof InputType.InputTypeRecurrent recurrent && recurrent.getSize() == 1
                && recurrent.getTimeSeriesLength() > 0) {
            return recurrent.getTimeSeriesLength();
        }
        throw new IllegalStateException("mel front end: input " + inputType + " is not mono audio (expected"
                + " feed-forward [batch, samples] or recurrent [batch, 1, samples] of known length)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MelFrontEndLayer layer && super.equals(other) && features.equals(layer.features);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + features.hashCode();
    }

    @Override
    public String toString() {
        return "MelFrontEndLayer(" + features + ")";
    }
}
