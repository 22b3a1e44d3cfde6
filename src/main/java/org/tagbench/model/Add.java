package org.tagbench.model;

import java.util.List;

/**
 * A residual join: the element-wise sum of two or more inputs of one shape, then a ReLU if {@code relu} (as the
 * short-chunk ResNet's blocks end); no parameters.
 */
public record Add(boolean relu) implements LayerSpec {

    /** A single input passes through unchanged (a sum of one). */
    @Override
    public Shape output(Shape in) {
        return in;
    }

    @Override
    public Shape output(List<Shape> in) {
        if (in.stream().distinct().count() != 1) {
            throw new IllegalArgumentException("add needs inputs of one shape, got " + in);
        }
        return in.get(0);
    }

    @Override
    public String describe() {
        return relu ? "add, relu" : "add";
    }
}
