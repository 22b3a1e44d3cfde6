package org.tagbench.model;

import java.util.List;

/**
 * One layer (or conventional group, such as convolution / batch norm / ELU / pool) of a {@link ModelSpec},
 * described without any engine's classes so that every engine builds the same network from it.
 */
public sealed interface LayerSpec
        permits TimePadding, TimeBatchNorm, ConvBlock, Dropout, DenseBlock, Gru, SigmoidOutput,
                SpectrogramBatchNorm, TimeMaxPool, ConvBn, Add, Concat,
                Conv1dBlock, Lstm, AttentionPooling, AveragePool {

    /** The shape this layer makes of an input of shape {@code in}. */
    Shape output(Shape in);

    /**
     * The shape this node makes of its inputs' shapes: a one-input layer's {@link #output(Shape)}; {@link Add} and
     * {@link Concat} combine several.
     */
    default Shape output(List<Shape> in) {
        if (in.size() != 1) {
            throw new IllegalArgumentException(describe() + " takes one input, got " + in.size());
        }
        return output(in.get(0));
    }

    /** Trainable parameters (batch normalization's running statistics are not trainable); none by default. */
    default long params() {
        return 0;
    }

    /**
     * Floating-point operations per example on an input of shape {@code in}: 2 per multiply-add; none by default
     * (padding, dropout and normalization are not counted).
     */
    default long flops(Shape in) {
        return 0;
    }

    /** A short description for model summaries, e.g. {@code conv 3x3 same, bn, elu, maxpool 2x4}. */
    String describe();
}
