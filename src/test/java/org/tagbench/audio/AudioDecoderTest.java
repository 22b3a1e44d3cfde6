package org.tagbench.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
        assertArrayEquals(new float[] {0.25f, -0.5f, 0.5f}, new AudioDecoder(12000).decode(file), 1e-6f);
    }

    @Test
    void resamplingIsSaidOnceForEachOtherSourceRateHoweverManyFilesAndThreads() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Eight files at 8 kHz, four at the model's 12 kHz, interleaved.
            int rate = i % 3 == 2 ? 12000 : 8000;
            Path file = dir.resolve("f" + i + ".wav");
            try (OutputStream out = Files.newOutputStream(file)) {
                WavWriter.write(out, new float[rate / 10], rate);
            }
            files.add(file);
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        AudioDecoder decoder = new AudioDecoder(new ResampleNote("models/k2c2", 12000, lines::add));

        files.parallelStream().forEach(file -> {
            try {
                assertEquals(1200, decoder.decode(file).length);
            } catch (AudioException e) {
                throw new AssertionError(e);
            }
        });

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("models/k2c2 eats audio at 12000 Hz, but \\S+/f\\d+\\.wav is at 8000 Hz: it and"
                + " every other file at 8000 Hz are resampled to 12000 Hz"), lines.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sine440.mp3, 0.03", "sine440.ogg, 0.01", "sine440.m4a, 0.01", "sine440.flac, 0.001",
            "sine440-u8.wav, 0.005", "sine440-s24.wav, 0.001", "sine440-s32.wav, 0.001", "sine440-f32.wav, 0.001"})
    void everyFormatDecodesToTheSameSineAt12kHz(String name, double levelTolerance) throws Exception {
        // Half a second of a 440 Hz sine at amplitude 0.5, stereo at 44.1 kHz (scripts/audio_fixtures.sh).
        Path file = Path.of(AudioDecoderTest.class.getResource("/audio/" + name).toURI());
        float[] pcm = new AudioDecoder(12000).decode(file);
        // Lossy codecs add a few hundred samples of encoder delay and padding.
        assertTrue(pcm.length >= 5900 && pcm.length <= 7000, pcm.length + " samples");
        int from = pcm.length / 2 - 1800;
        int to = pcm.length / 2 + 1800;
        double energy = 0;
        int crossings = 0;
        for (int i = from; i < to; i++) {
            energy += pcm[i] * (double) pcm[i];
            crossings += (pcm[i - 1] < 0) != (pcm[i] < 0) ? 1 : 0;
        }
        // Lossy codecs change the level a little (MP3 at 128 kb/s by about 5%), lossless ones not at all.
        assertEquals(0.5 / Math.sqrt(2), Math.sqrt(energy / (to - from)), levelTolerance, "RMS level");
        // 0.3 s of a 440 Hz sine crosses zero 264 times.
        assertEquals(264, crossings, 2);
    }

    /**
     * Lossy codecs add encoder delay and padding, which the decoder must take off: at any point the decode lines up
     * with the chirp the fixture holds, whose frequency names the position (the lag that best matches it to the
     * chirp is 0, alignment within half a sample at 12 kHz).
     */
    @ParameterizedTest(name = "{0} at {1} s")
    @CsvSource({"chirp.mp3, 0.4", "chirp.mp3, 4.2", "chirp.ogg, 0.4", "chirp.ogg, 4.2", "chirp.m4a, 0.4",
            "chirp.m4a, 4.2", "chirp.flac, 0.4", "chirp.flac, 2.1", "chirp.opus, 0.4", "chirp.opus, 1.1"})
    void everyFormatDecodesTheChirpOnItsOwnTimeline(String name, double offset) throws Exception {
        Path file = Path.of(AudioDecoderTest.class.getResource("/audio/" + name).toURI());
        float[] whole = new AudioDecoder(12000).decode(file);
        int from = (int) Math.round(offset * 12000);
        int length = 6000;
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -24; lag <= 24; lag++) {
            double match = 0;
            for (int i = from; i < from + length; i++) {
                match += whole[i] * chirp((i + lag) / 12000.0);
            }
            if (match > best) {
                best = match;
                bestLag = lag;
            }
        }
        assertEquals(0, bestLag, "lag in samples at 12 kHz against the chirp");
    }

    /** The fixtures' chirp (scripts/audio_fixtures.sh): 200 Hz rising by 475 Hz a second, amplitude 0.5. */
    private static double chirp(double t) {
        return 0.5 * Math.sin(2 * Math.PI * (200 * t + 237.5 * t * t));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sine440.mp3", "sine440.flac"})
    void aFileCutShortOfWhatItsHeaderDeclaresIsTruncated(String name) throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(AudioDecoderTest.class.getResource("/audio/" + name).toURI()));
        Path cut = Files.write(dir.resolve(name), java.util.Arrays.copyOf(whole, whole.length / 2));
        String message = assertThrows(AudioException.class, () -> new AudioDecoder(12000).decode(cut)).getMessage();
        assertTrue(message.matches(java.util.regex.Pattern.quote(cut + ": truncated: ")
                + "0\\.[12]\\d s of audio where its header declares 0\\.5\\d s"), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sine440-u8.wav, 2", "sine440-s24.wav, 6", "sine440-s32.wav, 8", "sine440-f32.wav, 8"})
    void aWavCutShortOfItsDataChunkIsTruncated(String name, int frameBytes) throws Exception {
        // Half a second of stereo at 44.1 kHz: the data chunk declares 22050 frames. The 24/32-bit and float
        // fixtures have WAVE_FORMAT_EXTENSIBLE headers, the 8-bit one a plain PCM header.
        byte[] whole = Files.readAllBytes(Path.of(AudioDecoderTest.class.getResource("/audio/" + name).toURI()));
        int data = dataStart(whole);
        int kept = 1000;
        Path cut = Files.write(dir.resolve(name), java.util.Arrays.copyOf(whole, data + kept * frameBytes + 1));
        assertEquals(cut + ": truncated: its header declares 22050 samples, the file holds " + kept,
                assertThrows(AudioException.class, () -> new AudioDecoder(12000).decode(cut)).getMessage());
    }

    @Test
    void a16BitWavCutShortIsTruncatedButOneOfUnknownLengthIsNot() throws Exception {
        Path file = dir.resolve("noise.wav");
        try (OutputStream out = Files.newOutputStream(file)) {
            WavWriter.write(out, new float[8000], 8000);
        }
        byte[] whole = Files.readAllBytes(file);
        int data = dataStart(whole);
        Path cut = Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(whole, data + 2 * 3000));
        assertEquals(cut + ": truncated: its header declares 8000 samples, the file holds 3000",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(cut)).getMessage());
        // A writer that cannot seek back leaves the data size at 0xFFFFFFFF: the length is unknown, not truncated.
        byte[] streamed = java.util.Arrays.copyOf(whole, data + 2 * 3000);
        ByteBuffer.wrap(streamed, data - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1);
        Path unknown = Files.write(dir.resolve("streamed.wav"), streamed);
        assertEquals(3000, new AudioDecoder(8000).decode(unknown).length);
    }

    /** Where the samples of a WAV start: after the "data" chunk id and its 4-byte size. */
    private static int dataStart(byte[] wav) {
        for (int i = 12; i + 8 <= wav.length; i++) {
            if (wav[i] == 'd' && wav[i + 1] == 'a' && wav[i + 2] == 't' && wav[i + 3] == 'a') {
                return i + 8;
            }
        }
        throw new AssertionError("no data chunk");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sine440.mp3", "sine440.ogg", "sine440.flac", "sine440.m4a", "sine440-s24.wav"})
    void corruptedBytesGiveAudioOrAnAudioExceptionNeverACrash(String name) throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(AudioDecoderTest.class.getResource("/audio/" + name).toURI()));
        java.util.SplittableRandom random = new java.util.SplittableRandom(name.hashCode());
        for (int trial = 0; trial < 20; trial++) {
            byte[] damaged = whole.clone();
            // Overwrite a few runs of bytes anywhere, headers included.
            for (int run = 0; run < 4; run++) {
                int at = random.nextInt(damaged.length);
                for (int i = at; i < Math.min(damaged.length, at + 1 + random.nextInt(64)); i++) {
                    damaged[i] = (byte) random.nextInt(256);
                }
            }
            Path file = Files.write(dir.resolve(trial + "-" + name), damaged);
            try {
                new AudioDecoder(12000).decode(file);
            } catch (AudioException e) {
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            }
        }
    }

    @Test
    void silenceDecodesToZeros() throws Exception {
        Path file = dir.resolve("silence.wav");
        try (OutputStream out = Files.newOutputStream(file)) {
            WavWriter.write(out, new float[4000], 8000);
        }
        assertArrayEquals(new float[4000], new AudioDecoder(8000).decode(file), 0f);
    }

    @Test
    void otherRatesAreResampledKeepingFrequencyAndLevel() throws Exception {
        // One second of a 440 Hz sine at 16 kHz, decoded at 8 kHz, against the same sine computed at 8 kHz.
        float[] sine = new float[16000];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        Path file = dir.resolve("sine16k.wav");
        try (OutputStream out = Files.newOutputStream(file)) {
            WavWriter.write(out, sine, 16000);
        }
        float[] decoded = new AudioDecoder(8000).decode(file);
        assertEquals(8000, decoded.length, 2);
        double worst = 0;
        for (int i = 400; i < 7600; i++) {
            worst = Math.max(worst, Math.abs(decoded[i] - 0.5 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        assertTrue(worst < 2e-3, "largest deviation from the 8 kHz sine " + worst);
    }

    @Test
    void problemsNameTheFileAndTheCause() throws Exception {
        Path missing = dir.resolve("missing.wav");
        assertEquals(missing + ": file not found",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(missing)).getMessage());

        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        assertEquals(text + ": not a readable audio file (Invalid data found when processing input)",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(text)).getMessage());

        Path empty = dir.resolve("empty.wav");
        try (OutputStream out = Files.newOutputStream(empty)) {
            WavWriter.write(out, new float[0], 8000);
        }
        assertEquals(empty + ": no audio samples",
                assertThrows(AudioException.class, () -> new AudioDecoder(8000).decode(empty)).getMessage());
    }
}
