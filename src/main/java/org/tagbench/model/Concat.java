package org.tagbench.model;

import java.util.List;

/**
 * Parallel branches joined along the channel axis, in the order of the node's inputs (torch.cat(..., dim=1)): their
 * heights and widths must agree; no parameters.
 */
public record Concat() implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        return in;
    }

    @Override
    public Shape output(List<Shape> in) {
        Shape first = in.get(0);
        int channels = 0;
        for (Shape s : in) {
            if (s.height() != first.height() || s.width() != first.width()) {
                throw new IllegalArgumentException("concat needs inputs of one height and width, got " + in);
            }
            channels += s.channels();
        }
        return new Shape(channels, first.height(), first.width());
    }

    @Override
    public String describe() {
        return "concat channels";
    }
}
