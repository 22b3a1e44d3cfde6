package org.tagbench.model;

/**
 * Attention pooling over time: a learned score per step (the dot product of a weight vector with the step's
 * {@code in} features, no bias: softmax would cancel it), softmax over the steps, and the steps' features summed
 * with those weights. A sequence (features x 1 x steps) becomes a vector of its {@code in} features.
 */
public record AttentionPooling(int in) implements LayerSpec {

    @Override
    public Shape output(Shape input) {
        if (input.channels() != in || input.height() != 1) {
            throw new IllegalArgumentException("attention pooling for a sequence of " + in + " features got "
                    + input);
        }
        return Shape.vector(in);
    }

    /** The score's weight vector. */
    @Override
    public long params() {
        return in;
    }

    /** The score at every step and the weighted sum, one multiply-add per feature and step each. */
    @Override
    public long flops(Shape input) {
        return 2L * 2L * in * input.width();
    }

    @Override
    public String describe() {
        return "attention pooling over time";
    }
}
