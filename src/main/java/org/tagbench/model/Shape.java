package org.tagbench.model;

/**
 * The shape of one example between layers: a feature map of {@code channels x height x width} (height = mel
 * bands, width = time). A sequence is a map of height 1 (features x 1 x steps), a vector one of n x 1 x 1.
 */
public record Shape(int channels, int height, int width) {

    /** A vector of {@code n} values. */
    public static Shape vector(int n) {
        return new Shape(n, 1, 1);
    }

    /** Values in the shape. */
    public long size() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return channels + " x " + height + " x " + width;
    }
}
