package org.tagbench.model;

/**
 * A GRU ("reset after", two biases per gate as in PyTorch and cuDNN) over time: a feature map in front of it is
 * read as a sequence of {@code width} steps of {@code channels x height} features. It returns every state (to
 * stack another GRU) or only the last.
 */
public record Gru(int in, int units, boolean returnSequences) implements LayerSpec {
    private static final int GATES = 3;

    @Override
    public Shape output(Shape input) {
        if ((long) input.channels() * input.height() != in) {
            throw new IllegalArgumentException("GRU for " + in + " features per step got " + input);
        }
        return returnSequences ? new Shape(units, 1, input.width()) : Shape.vector(units);
    }

    /** 3 x (in x units + units^2 + 2 x units): input and recurrent weights and biases of three gates. */
    @Override
    public long params() {
        return GATES * ((long) in * units + (long) units * units + 2L * units);
    }

    /** The gates' matrix products at every step; the element-wise gate arithmetic is not counted. */
    @Override
    public long flops(Shape input) {
        return 2L * GATES * ((long) in * units + (long) units * units) * input.width();
    }

    @Override
    public String describe() {
        return returnSequences ? "gru, all steps" : "gru, last step";
    }
}
