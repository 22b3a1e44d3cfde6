package org.tagbench.model;

/**
 * A hidden fully connected layer with bias, batch normalization and ELU. A feature map in front of it is
 * flattened channel-major (channel, band, frame), as both engines flatten NCHW maps.
 */
public record DenseBlock(int in, int out) implements LayerSpec {

    @Override
    public Shape output(Shape input) {
        if (input.size() != in) {
            throw new IllegalArgumentException("dense layer for " + in + " inputs got " + input);
        }
        return Shape.vector(out);
    }

    /** Weights and bias, plus batch-norm scale and shift. */
    @Override
    public long params() {
        return (long) in * out + 3L * out;
    }

    @Override
    public long flops(Shape input) {
        return 2L * in * out;
    }

    @Override
    public String describe() {
        return "dense, bn, elu";
    }
}
