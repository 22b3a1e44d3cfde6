package org.tagbench.engine.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Swaps the channel and width (time) axes of a feature map, [batch, c, h, w] to [batch, w, h, c]. Around a
 * DL4J BatchNormalization it makes a batch norm per time frame (the one input channel of a spectrogram becomes
 * the width, each frame a channel): the same class swaps in before the batch norm and back after it.
 */
public final class TimeAsChannels implements InputPreProcessor {

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return swap(input, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return swap(output, ArrayType.ACTIVATION_GRAD, workspaceMgr);
    }

    private static INDArray swap(INDArray array, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        if (array.rank() != 4) {
            throw new IllegalArgumentException("time as channels: expected a feature map [batch, c, h, w], got "
                    + Arrays.toString(array.shape()));
        }
        // The swapped view is copied: DL4J's layers expect default (c-order) strides.
        return workspaceMgr.dup(type, array.permute(0, 3, 2, 1), 'c');
    }

    @Override
    public TimeAsChannels clone() {
        return new TimeAsChannels();
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional map)) {
            throw new IllegalArgumentException("time as channels: expected a feature map, got " + inputType);
        }
        return InputType.convolutional(map.getHeight(), map.getChannels(), map.getWidth());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("time as channels: masks are not supported");
        }
        return new Pair<>(null, state);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeAsChannels;
    }

    @Override
    public int hashCode() {
        return TimeAsChannels.class.hashCode();
    }
}
