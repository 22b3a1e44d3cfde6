package org.tagbench.model;

/** The output: a fully connected layer with bias and a sigmoid per tag (a map in front is flattened). */
public record SigmoidOutput(int in, int tags) implements LayerSpec {

    @Override
    public Shape output(Shape input) {
        if (input.size() != in) {
            throw new IllegalArgumentException("output layer for " + in + " inputs got " + input);
        }
        return Shape.vector(tags);
    }

    @Override
    public long params() {
        return (long) in * tags + tags;
    }

    @Override
    public long flops(Shape input) {
        return 2L * in * tags;
    }

    @Override
    public String describe() {
        return "dense, sigmoid";
    }
}
