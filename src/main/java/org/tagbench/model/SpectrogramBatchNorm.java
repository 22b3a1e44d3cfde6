package org.tagbench.model;

/**
 * Batch normalization of the whole input spectrogram with one scale and shift (statistics over the batch, the mel
 * bands and the frames), as the sota-music-tagging-models networks begin ({@code spec_bn = BatchNorm2d(1)}): 2
 * trainable parameters.
 */
public record SpectrogramBatchNorm() implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        if (in.channels() != 1) {
            throw new IllegalArgumentException("batch norm of the spectrogram got " + in + ", not one channel");
        }
        return in;
    }

    @Override
    public long params() {
        return 2;
    }

    @Override
    public String describe() {
        return "bn over the spectrogram";
    }
}
