package org.tagbench.model;

/**
 * An LSTM over time in PyTorch's form (gates input | forget | cell | output, two biases per gate, no peepholes),
 * one direction or both: a feature map in front of it is read as a sequence of {@code width} steps of
 * {@code channels x height} features. It returns every state, as a sequence {@code units x directions} features
 * wide (forward states first, then the backward ones, as torch.nn.LSTM concatenates them).
 */
public record Lstm(int in, int units, boolean bidirectional) implements LayerSpec {
    private static final int GATES = 4;

    /** How many directions run: 2 when bidirectional. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    @Override
    public Shape output(Shape input) {
        if ((long) input.channels() * input.height() != in) {
            throw new IllegalArgumentException("LSTM for " + in + " features per step got " + input);
        }
        return new Shape(units * directions(), 1, input.width());
    }

    /** Per direction 4 x (in x units + units^2 + 2 x units): input and recurrent weights and biases of four gates. */
    @Override
    public long params() {
        return directions() * GATES * ((long) in * units + (long) units * units + 2L * units);
    }

    /** The gates' matrix products at every step in each direction; the element-wise arithmetic is not counted. */
    @Override
    public long flops(Shape input) {
        return 2L * directions() * GATES * ((long) in * units + (long) units * units) * input.width();
    }

    @Override
    public String describe() {
        return bidirectional ? "bidirectional lstm, all steps" : "lstm, all steps";
    }
}
