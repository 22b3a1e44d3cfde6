package org.tagbench.engine.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;

/**
 * The parameters of a trainable {@link MelFrontEndLayer}: the mel filterbank {@value #FILTERBANK} [n_mels, bins] and,
 * with {@code trainable_dft}, the DFT basis {@value #DFT_BASIS} [n_fft, 2 bins], row-major as the weight layout has
 * them and in its order, starting as the layer's mel settings make them ({@link FrontEndWeights}).
 */
final class TrainableFrontEndParams implements ParamInitializer {
    /** The filterbank's key in the layer. */
    static final String FILTERBANK = "W";
    /** The DFT basis's key in the layer. */
    static final String DFT_BASIS = "D";

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return FrontEndWeights.params(features(layer));
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return features(layer).trainableDft() ? List.of(FILTERBANK, DFT_BASIS) : List.of(FILTERBANK);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return paramKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    /** The arrays as views of the layer's part of the network's parameters, filled with their start if asked. */
    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeatureConfig features = features(conf.getLayer());
        Map<String, INDArray> params = shaped(paramsView, features);
        if (initializeParams) {
            fill(params.get(FILTERBANK), FrontEndWeights.initialFilterbank(features));
            if (features.trainableDft()) {
                fill(params.get(DFT_BASIS), FrontEndWeights.initialDftBasis(features));
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return shaped(gradientView, features(conf.getLayer()));
    }

    private static void fill(INDArray param, WeightArray initial) {
        param.assign(Nd4j.create(initial.values(), new long[] {initial.shape()[0], initial.shape()[1]}, 'c')
                .castTo(param.dataType()));
    }

    /** Each array as a view of its stretch of {@code flat}, in the layout's order. */
    private static Map<String, INDArray> shaped(INDArray flat, FeatureConfig features) {
        INDArray row = flat.reshape(flat.length());
        int bins = features.nFft() / 2 + 1;
        long bankSize = (long) features.nMels() * bins;
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(FILTERBANK, row.get(NDArrayIndex.interval(0, bankSize)).reshape('c', features.nMels(), bins));
        if (features.trainableDft()) {
            params.put(DFT_BASIS, row.get(NDArrayIndex.interval(bankSize, row.length()))
                    .reshape('c', features.nFft(), 2L * bins));
        }
        return params;
    }

    private static FeatureConfig features(Layer layer) {
        return ((MelFrontEndLayer) layer).features();
    }
}
