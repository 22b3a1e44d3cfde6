package org.tagbench.model;

/**
 * A hidden fully connected layer with bias, batch normalization and an activation (ELU in Choi et al. 2017's
 * networks, ReLU in the short-chunk CNN). A feature map in front of it is
 * flattened channel-major (channel, band, frame), as both engines flatten NCHW maps.
 */
public record DenseBlock(int in, int out, Nonlinearity activation) implements LayerSpec {

    /** A layer with ELU, as Choi et al. 2017's are. */
    public DenseBlock(int in, int out) {
        this(in, out, Nonlinearity.ELU);
    }

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
        return "dense, bn, " + activation.label();
    }
}
