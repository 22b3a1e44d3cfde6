package org.tagbench.audio;

/**
 * The decoded mono audio of one file at the pipeline's sample rate, read a chunk at a time so that a track's
 * audio need not sit in memory whole.
 */
public interface Pcm {
    /** Number of samples. */
    int length();

    /** Samples [offset, offset+n) as floats in [-1, 1); samples past the end read as zeros. */
    float[] chunk(int offset, int n) throws AudioException;

    /** The float sample nearest to {@code sample} on the 16-bit grid the pipeline stores audio on. */
    static short quantize(float sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * SCALE)));
    }

    /** The float value of a 16-bit sample (FFmpeg's scaling, 1/32768). */
    static float dequantize(short sample) {
        return sample / SCALE;
    }

    /** 2^15: full scale of a 16-bit sample. */
    float SCALE = 32768f;
}
