package org.tagbench.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes PCM audio files (WAV/AIFF, 8–32-bit integer or float) to mono float32 through the JDK's sampled-audio
 * reader. It does not resample: a file at another rate than requested is reported, not silently changed.
 * The JDK scales 16-bit samples by 1/32767 where soundfile and FFmpeg use 1/32768 (a 3e-5 relative difference).
 */
public final class AudioDecoder {
    private final int sampleRate;

    /** A decoder that delivers audio at {@code sampleRate} Hz. */
    public AudioDecoder(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Decodes the whole file to mono samples in [-1, 1]. */
    public float[] decode(Path file) throws AudioException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             AudioInputStream audio = AudioSystem.getAudioInputStream(in)) {
            AudioFormat format = audio.getFormat();
            if (Math.round(format.getSampleRate()) != sampleRate) {
                throw new AudioException(file, "sample rate " + Math.round(format.getSampleRate())
                        + " Hz, expected " + sampleRate + " Hz (this decoder does not resample)");
            }
            AudioFormat pcm = floatFormat(format);
            try (AudioInputStream converted = AudioSystem.getAudioInputStream(pcm, audio)) {
                float[] mono = mixDown(converted.readAllBytes(), format.getChannels());
                if (mono.length == 0) {
                    throw new AudioException(file, "no audio samples");
                }
                return mono;
            }
        } catch (NoSuchFileException e) {
            throw new AudioException(file, "file not found");
        } catch (UnsupportedAudioFileException e) {
            throw new AudioException(file, "not a readable audio file (expected WAV or AIFF PCM)");
        } catch (IllegalArgumentException e) {
            throw new AudioException(file, "unsupported encoding: " + e.getMessage());
        } catch (IOException e) {
            throw new AudioException(file, "cannot read: " + e.getMessage());
        }
    }

    private static AudioFormat floatFormat(AudioFormat source) {
        return new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, source.getSampleRate(), 32,
                source.getChannels(), 4 * source.getChannels(), source.getSampleRate(), false);
    }

    private static float[] mixDown(byte[] bytes, int channels) {
        FloatBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] mono = new float[samples.remaining() / channels];
        for (int i = 0; i < mono.length; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples.get(i * channels + c);
            }
            mono[i] = sum / channels;
        }
        return mono;
    }
}
