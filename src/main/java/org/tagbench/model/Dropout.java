package org.tagbench.model;

/** Dropout during training: each value is zeroed with probability {@code rate} (and the rest scaled up). */
public record Dropout(double rate) implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        return in;
    }

    @Override
    public String describe() {
        return "dropout " + rate;
    }
}
