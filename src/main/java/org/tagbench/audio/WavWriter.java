package org.tagbench.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Encodes mono float samples as a 16-bit PCM WAV file through the JDK's sampled-audio writer. */
public final class WavWriter {
    /** Full scale of 16-bit PCM: the JDK decodes sample value q as q / 32768. */
    private static final int FULL_SCALE = 32768;

    private WavWriter() {
    }

    /** Writes {@code samples} (in [-1, 1], clipped beyond) to {@code out} as 16-bit mono WAV at {@code sampleRate}. */
    public static void write(OutputStream out, float[] samples, int sampleRate) throws IOException {
        byte[] pcm = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            // Scaling by 32768 (not 32767) matches the decoder, so the round trip is off by half a step at most.
            long q = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * (double) FULL_SCALE)));
            pcm[2 * i] = (byte) q;
            pcm[2 * i + 1] = (byte) (q >> 8);
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        try (AudioInputStream audio = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, out);
        }
    }
}
