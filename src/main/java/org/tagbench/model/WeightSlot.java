package org.tagbench.model;

/**
 * One array of a {@link WeightLayout}: its canonical name, shape, and whether training updates it by gradient
 * (batch normalization's running mean and variance are state, not trainable).
 */
public record WeightSlot(String name, int[] shape, boolean trainable) {
    public WeightSlot {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Values the array holds. */
    public long size() {
        long size = 1;
        for (int n : shape) {
            size *= n;
        }
        return size;
    }
}
