package org.tagbench.model;

/**
 * Batch normalization of the input spectrogram with one scale and shift per time frame (statistics over the
 * batch and the mel bands), as in the author's Keras code ({@code BatchNormalization(axis=time)}): 2 x frames
 * trainable parameters, which Table 1's budgets include.
 */
public record TimeBatchNorm(int frames) implements LayerSpec {

    @Override
    public Shape output(Shape in) {
        if (in.width() != frames) {
            throw new IllegalArgumentException("batch norm over " + frames + " frames got an input of " + in);
        }
        return in;
    }

    @Override
    public long params() {
        return 2L * frames;
    }

    @Override
    public String describe() {
        return "bn per time frame";
    }
}
