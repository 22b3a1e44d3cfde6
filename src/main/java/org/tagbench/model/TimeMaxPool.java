package org.tagbench.model;

/**
 * Global max pooling over time: each channel and band keeps its largest value over all {@code frames} frames, as
 * the short-chunk CNN pools what its convolutions leave ({@code MaxPool1d(x.size(-1))}).
 */
public record TimeMaxPool(int frames) implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        if (in.width() != frames) {
            throw new IllegalArgumentException("max pool over " + frames + " frames got an input of " + in);
        }
        return new Shape(in.channels(), in.height(), 1);
    }

    @Override
    public String describe() {
        return "max over time";
    }
}
