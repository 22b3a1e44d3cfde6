package org.tagbench.model;

/** The fully connected layers k1c2 and k2c1 put between their last convolution and the output. */
final class FullyConnected {
    private FullyConnected() {
    }

    /** Appends one dense block per width after the first {@code convs} widths (which are the convolutions'). */
    static LayerStack head(LayerStack stack, int[] widths, int convs) {
        for (int i = convs; i < widths.length; i++) {
            stack.add(new DenseBlock(stack.flatSize(), widths[i]));
        }
        return stack;
    }
}
