package org.tagbench.engine.dl4j;

import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Attention pooling over time for DL4J: a score per step (the step's features times the weight vector {@code w},
 * [nIn, 1], the layout's score.weight transposed; no bias), softmax over the steps, and the features summed with
 * those weights. A sequence [batch, nIn, time] (NCW) becomes [batch, nIn].
 */
public final class AttentionPoolingLayer extends SequenceLayer {
    /** The score's weight vector, [nIn, 1]. */
    public static final String SCORE_WEIGHTS = "w";

    @JsonProperty("nIn")
    private long nIn;

    private AttentionPoolingLayer(Builder builder) {
        super(builder);
    }

    @SuppressWarnings("unused") // for DL4J's JSON mapper
    private AttentionPoolingLayer() {
    }

    @Override
    public long nIn() {
        return nIn;
    }

    @Override
    protected String kind() {
        return "attention pooling";
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(recurrent(inputType).getSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = recurrent(inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        recurrent(inputType);
        return null;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(SCORE_WEIGHTS, nIn, 1);
    }

    /** The weight vector from the layer's weight init, fan in nIn and fan out 1. */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        INDArray w = params.get(SCORE_WEIGHTS);
        getWeightInit().getWeightInitFunction().init(nIn, 1, w.shape(), 'c', w);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        long steps = input.getShape()[2];
        SDVariable scores = sd.reshape(sd.mmul(sd.reshape(sd.permute(input, 0, 2, 1), -1, nIn),
                params.get(SCORE_WEIGHTS)), -1, steps);
        SDVariable weights = sd.expandDims(sd.nn().softmax(scores, 1), 1);
        return sd.sum(input.mul(weights), 2);
    }

    private static InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r && r.getFormat() == RNNFormat.NCW) {
            return r;
        }
        throw new IllegalArgumentException("attention pooling: expected a recurrent [batch, features, time] input in"
                + " NCW, got " + inputType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionPoolingLayer other && super.equals(o) && nIn == other.nIn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn);
    }

    /** Builds an {@link AttentionPoolingLayer}; its input size comes from the input type. */
    public static final class Builder extends SameDiffLayer.Builder<Builder> {
        @Override
        public AttentionPoolingLayer build() {
            return new AttentionPoolingLayer(this);
        }
    }
}
