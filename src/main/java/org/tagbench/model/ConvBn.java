package org.tagbench.model;

/**
 * A square {@code kernel x kernel} convolution with bias, moving {@code stride} along both axes, zero-padded by
 * kernel / 2 on every side (PyTorch's {@code padding=kernel//2}), then batch normalization and, if {@code relu}, a
 * ReLU; no pooling. The short-chunk ResNet's residual blocks are made of these (sota-music-tagging-models'
 * {@code Res_2d}: conv_1 with ReLU, conv_2 and the shortcut's conv_3 without).
 */
public record ConvBn(int inChannels, int outChannels, int kernel, int stride, boolean relu) implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        if (in.channels() != inChannels) {
            throw new IllegalArgumentException("convolution for " + inChannels + " channels got an input of " + in);
        }
        return new Shape(outChannels, strided(in.height()), strided(in.width()));
    }

    /** Kernel and bias, plus batch-norm scale and shift. */
    @Override
    public long params() {
        return (long) kernel * kernel * inChannels * outChannels + 3L * outChannels;
    }

    @Override
    public long flops(Shape in) {
        Shape out = output(in);
        return 2L * kernel * kernel * inChannels * out.height() * out.width() * outChannels;
    }

    @Override
    public String describe() {
        return "conv " + kernel + "x" + kernel + " stride " + stride + ", bn" + (relu ? ", relu" : "");
    }

    /** The output length of an axis of {@code n}: floor((n + 2 (kernel / 2) - kernel) / stride) + 1. */
    private int strided(int n) {
        return Math.floorDiv(n + 2 * (kernel / 2) - kernel, stride) + 1;
    }
}
