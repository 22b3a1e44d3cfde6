package org.tagbench.engine.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Turns a 2D convolution's feature map [batch, channels, height, width] (height = mel bands, width = time) into
 * a sequence over its width, [batch, channels*height, width] in NCW, feature index channel*height + row: the
 * CRNN's hand-over from convolutions to GRU. DL4J's CnnToRnnPreProcessor does not do this: it expects one image
 * per time step stacked in the batch dimension.
 */
public final class FeatureMapToSequence implements InputPreProcessor {
    private final long channels;
    private final long height;
    private final long width;

    /** For a feature map of {@code channels x height x width}. */
    @JsonCreator
    public FeatureMapToSequence(@JsonProperty("channels") long channels, @JsonProperty("height") long height,
                                @JsonProperty("width") long width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Channels of the feature map. */
    @JsonProperty("channels")
    public long channels() {
        return channels;
    }

    /** Height (mel bands left after pooling) of the feature map. */
    @JsonProperty("height")
    public long height() {
        return height;
    }

    /** Width (time steps) of the feature map. */
    @JsonProperty("width")
    public long width() {
        return width;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 4 || input.size(1) != channels || input.size(2) != height) {
            throw new IllegalArgumentException("feature map to sequence: expected [batch, " + channels + ", "
                    + height + ", time], got " + Arrays.toString(input.shape()));
        }
        INDArray c = contiguous(input, ArrayType.ACTIVATIONS, workspaceMgr);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS,
                c.reshape('c', c.size(0), channels * height, c.size(3)));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray c = contiguous(output, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                c.reshape('c', c.size(0), channels, height, c.size(2)));
    }

    private static INDArray contiguous(INDArray array, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array)
                ? array : workspaceMgr.dup(type, array, 'c');
    }

    @Override
    public FeatureMapToSequence clone() {
        return new FeatureMapToSequence(channels, height, width);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.recurrent(channels * height, width, RNNFormat.NCW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("feature map to sequence: masks are not supported");
        }
        return new Pair<>(null, state);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMapToSequence other
                && channels == other.channels && height == other.height && width == other.width;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(channels) * 961 + Long.hashCode(height) * 31 + Long.hashCode(width);
    }
}
