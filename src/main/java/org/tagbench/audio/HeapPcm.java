package org.tagbench.audio;

/** Audio held in memory as 16-bit samples: a freshly decoded file. */
public final class HeapPcm implements Pcm {
    private final short[] samples;

    private HeapPcm(short[] samples) {
        this.samples = samples;
    }

    /** {@code decoded} rounded to the 16-bit grid, exactly as the PCM cache would store it. */
    public static HeapPcm of(float[] decoded) {
        short[] samples = new short[decoded.length];
        for (int i = 0; i < decoded.length; i++) {
            samples[i] = Pcm.quantize(decoded[i]);
        }
        return new HeapPcm(samples);
    }

    /** The 16-bit samples (shared, not copied: callers only write them out). */
    short[] samples() {
        return samples;
    }

    @Override
    public int length() {
        return samples.length;
    }

    @Override
    public float[] chunk(int offset, int n) {
        float[] out = new float[n];
        int end = Math.min(samples.length, offset + n);
        for (int i = Math.max(0, offset); i < end; i++) {
            out[i - offset] = Pcm.dequantize(samples[i]);
        }
        return out;
    }
}
