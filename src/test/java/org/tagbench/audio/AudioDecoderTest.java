package org.tagbench.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDecoderTest {
    @TempDir
    Path dir;

    @Test
    void monoWavDecodesToItsSamples() throws Exception {
        float[] samples = {0f, 0.5f, -0.5f, 0.25f, -1f};
        Path file = dir.resolve("mono.wav");
        try (OutputStream out = Files.newOutputStream(file)) {
            WavWriter.write(out, samples, 8000);
        }
        assertArrayEquals(samples, new AudioDecoder(8000).decode(file), 1f / 32768);
    }

    @Test
    void stereoIsMixedDownToTheMeanOfItsChannels() throws Exception {
        // Interleaved 16-bit stereo frames (left, right): the mono sample is their mean.
        short[][] frames = {{16384, 0}, {-16384, -16384}, {8192, 24576}};
        ByteBuffer pcm = ByteBuffer.allocate(frames.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (short[] f : frames) {
            pcm.putShort(f[0]).putShort(f[1]);
        }
        AudioFormat format = new AudioFormat(12000, 16, 2, true, false);
        Path file = dir.resolve("stereo.wav");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames.length),
                AudioFileFormat.Type.WAVE, file.toFile());
        // The JDK scales 16-bit samples by 1/32767, not 1/32768: within 4e-5 of the exact mean.
        assertArrayEquals(new float[] {0.25f, -0.5f, 0.5f}, new AudioDecoder(12000).decode(file), 4e-5f);
    }

    @Test
    void problemsNameTheFileAndTheCause() throws Exception {
        Path missing = dir.resolve("missing.wav");
        assertEquals(missing + ": file not found",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(missing)).getMessage());

        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        assertEquals(text + ": not a readable audio file (expected WAV or AIFF PCM)",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(text)).getMessage());

        Path otherRate = dir.resolve("rate.wav");
        try (OutputStream out = Files.newOutputStream(otherRate)) {
            WavWriter.write(out, new float[] {0.1f, 0.2f}, 16000);
        }
        assertEquals(otherRate + ": sample rate 16000 Hz, expected 8000 Hz (this decoder does not resample)",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(otherRate)).getMessage());

        Path empty = dir.resolve("empty.wav");
        try (OutputStream out = Files.newOutputStream(empty)) {
            WavWriter.write(out, new float[0], 8000);
        }
        assertEquals(empty + ": no audio samples",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(empty)).getMessage());
    }
}
