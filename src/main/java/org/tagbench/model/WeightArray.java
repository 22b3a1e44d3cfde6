package org.tagbench.model;

import java.util.Arrays;

/** One named array of a network's weights: its shape (row-major, PyTorch's layout) and float32 values. */
public record WeightArray(int[] shape, float[] values) {
    public WeightArray {
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int n : shape) {
            size *= n;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, not " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeightArray w && Arrays.equals(shape, w.shape) && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WeightArray" + Arrays.toString(shape);
    }
}
