package org.tagbench.engine.dl4j;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;

/**
 * The one parameter of a trainable {@link MelFrontEndLayer}: the mel filterbank {@value #KEY}, [n_mels, bins]
 * row-major as the weight layout has it, starting as the layer's mel settings make it.
 */
final class MelFilterbankParams implements ParamInitializer {
    /** The parameter's key in the layer. */
    static final String KEY = "W";

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeatureConfig features = features(layer);
        return (long) features.nMels() * (features.nFft() / 2 + 1);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    /** The filterbank as a view of the layer's part of the network's parameters, filled if asked. */
    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeatureConfig features = features(conf.getLayer());
        INDArray filterbank = shaped(paramsView, features);
        if (initializeParams) {
            WeightArray initial = FrontEndWeights.initialFilterbank(features);
            filterbank.assign(Nd4j.create(initial.values(), new long[] {initial.shape()[0], initial.shape()[1]}, 'c')
                    .castTo(filterbank.dataType()));
        }
        return Map.of(KEY, filterbank);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return Map.of(KEY, shaped(gradientView, features(conf.getLayer())));
    }

    private static INDArray shaped(INDArray flat, FeatureConfig features) {
        return flat.reshape('c', features.nMels(), features.nFft() / 2 + 1);
    }

    private static FeatureConfig features(Layer layer) {
        return ((MelFrontEndLayer) layer).features();
    }
}
