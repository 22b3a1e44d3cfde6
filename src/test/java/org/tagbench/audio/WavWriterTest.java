package org.tagbench.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** WavWriter, tested here beside the synthetic set that is its only user so far. */
class WavWriterTest {
    @Test
    void samplesRoundTripWithinHalfAStepAndClipBeyondFullScale() throws Exception {
        float[] samples = {0f, 0.5f, -0.5f, 1e-5f, -1f, 0.99998f, 1f, 1.7f, -2f, 0.123456f};
        short[] expected = {0, 16384, -16384, 0, -32768, 32767, 32767, 32767, -32768, 4045};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(out, samples, 22050);
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            AudioFormat format = audio.getFormat();
            assertEquals(22050f, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertEquals(samples.length, audio.getFrameLength());
            short[] read = new short[samples.length];
            ByteBuffer.wrap(audio.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(read);
            for (int i = 0; i < samples.length; i++) {
                assertEquals(expected[i], read[i], "sample " + i);
                if (Math.abs(samples[i]) < 1) {
                    assertEquals(samples[i], read[i] / 32768.0, 0.5 / 32768, "sample " + i);
                }
            }
        }
    }
}
