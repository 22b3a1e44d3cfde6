package org.tagbench.model;

/** One array of a {@link WeightLayout}: its canonical name, shape, and what it is in its layer. */
public record WeightSlot(String name, int[] shape, WeightRole role) {
    public WeightSlot {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Whether training updates it by gradient (batch normalization's running mean and variance are state). */
    public boolean trainable() {
        return role.trainable();
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
