package org.tagbench.model;

/**
 * A non-overlapping average pool of {@code height x width} (mel bands x frames) over each channel, dropping what does
 * not fill a window (torch's {@code AvgPool2d} with kernel = stride). musicnn takes with it the mean over all bands
 * in front of its temporal filters ({@code height} = the bands, width 1) and the mean over all frames in its back end
 * (height 1, {@code width} = the frames).
 */
public record AveragePool(int height, int width) implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        return new Shape(in.channels(), in.height() / height, in.width() / width);
    }

    @Override
    public String describe() {
        return "avgpool " + height + "x" + width;
    }
}
