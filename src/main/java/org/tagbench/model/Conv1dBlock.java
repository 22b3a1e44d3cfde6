package org.tagbench.model;

/**
 * One sample-level convolution block (Lee et al. 2017): a 1D convolution over time with bias, {@code kernel} taps,
 * {@code stride} and zero padding of {@code kernel / 2} on both sides (as torch.nn.Conv1d with {@code padding =
 * kernel // 2}), batch normalization, ReLU, then a non-overlapping max pool of {@code pool} frames (1: none) that
 * drops what does not fill a window. It reads a map one band high (a waveform is 1 x 1 x samples).
 */
public record Conv1dBlock(int inChannels, int outChannels, int kernel, int stride, int pool) implements LayerSpec {

    /** The zero padding on each side of the time axis. */
    public int padding() {
        return kernel / 2;
    }

    /** The map after the convolution, before pooling: floor((width + 2 padding - kernel) / stride) + 1 frames. */
    public Shape convolved(Shape in) {
        if (in.channels() != inChannels || in.height() != 1) {
            throw new IllegalArgumentException("1D convolution for " + inChannels + " channels x 1 band got an input"
                    + " of " + in);
        }
        return new Shape(outChannels, 1, Math.floorDiv(in.width() + 2 * padding() - kernel, stride) + 1);
    }

    @Override
    public Shape output(Shape in) {
        return new Shape(outChannels, 1, convolved(in).width() / pool);
    }

    /** Kernel and bias, plus batch-norm scale and shift. */
    @Override
    public long params() {
        return (long) kernel * inChannels * outChannels + 3L * outChannels;
    }

    @Override
    public long flops(Shape in) {
        return 2L * kernel * inChannels * convolved(in).width() * outChannels;
    }

    @Override
    public String describe() {
        return "conv1d " + kernel + (stride > 1 ? " stride " + stride : "") + ", bn, relu"
                + (pool > 1 ? ", maxpool " + pool : "");
    }
}
