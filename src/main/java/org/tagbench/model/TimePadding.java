package org.tagbench.model;

/** Zeros added before and after the time axis (the CRNN pads so that its time pools divide the input). */
public record TimePadding(int left, int right) implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        return new Shape(in.channels(), in.height(), in.width() + left + right);
    }

    @Override
    public String describe() {
        return "zero-pad time " + left + " + " + right;
    }
}
