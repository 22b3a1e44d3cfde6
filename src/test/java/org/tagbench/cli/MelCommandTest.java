package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmCache;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.WavWriter;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.frontend.MelSpectrogram;

class MelCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheLogMelAsALittleEndianFloat32NpyArray() throws Exception {
        Path wav = noiseWav(8000, 16000);
        Path npy = dir.resolve("noise.npy");
        List<String> settings = List.of("features.sample_rate=16000", "features.n_fft=400", "features.hop_length=160",
                "features.n_mels=40", "features.mel_scale=htk", "features.norm=none", "features.pad_mode=constant");

        runMel(wav, npy, "--sr", "16000", "--n-fft", "400", "--hop", "160", "--n-mels", "40", "--mel-scale", "htk",
                "--norm", "none", "--pad-mode", "constant");

        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buffer.getShort(8) & 0xffff;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'"), header);
        assertTrue(header.contains("'fortran_order': False"), header);
        assertTrue(header.replace(" ", "").contains("'shape':(40,51)"), header);
        assertArrayEquals(pipelineFeatures(wav, ConfigLoader.features(null, settings), null), values(npy), 0f);
    }

    /**
     * Resampling 16 kHz audio to 12 kHz leaves samples between the 16-bit steps, where the pipeline rounds them:
     * `mel` must give exactly the pipeline's features, with or without the PCM cache, and not those of the
     * unrounded samples.
     */
    @Test
    void writesExactlyWhatThePipelineFeedsTheNetworkForResampledAudio() throws Exception {
        Path wav = noiseWav(16000, 16000);
        Path npy = dir.resolve("noise.npy");
        FeatureConfig features = ConfigLoader.features(null, List.of("features.sample_rate=12000"));

        runMel(wav, npy, "--sr", "12000");

        float[] written = values(npy);
        assertArrayEquals(pipelineFeatures(wav, features, null), written, 0f);
        assertArrayEquals(pipelineFeatures(wav, features, dir.resolve("pcm-cache")), written, 0f);
        float[] unrounded = new MelSpectrogram(features).compute(new AudioDecoder(12000).decode(wav));
        assertEquals(unrounded.length, written.length);
        assertFalse(Arrays.equals(unrounded, written), "the 16-bit rounding changed nothing: the test shows nothing");
    }

    private Path noiseWav(int samples, int sampleRate) throws IOException {
        float[] noise = new float[samples];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * random.nextGaussian());
        }
        Path wav = dir.resolve("noise.wav");
        try (OutputStream out = Files.newOutputStream(wav)) {
            WavWriter.write(out, noise, sampleRate);
        }
        return wav;
    }

    private static void runMel(Path audio, Path npy, String... flags) {
        List<String> args = new ArrayList<>(List.of("mel", audio.toString(), "--out", npy.toString()));
        args.addAll(List.of(flags));
        StringWriter err = new StringWriter();
        int code = TagbenchCommand.commandLine().setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        assertEquals(0, code, err.toString());
    }

    /** The float32 values of a .npy file {@code mel} wrote. */
    private static float[] values(Path npy) throws IOException {
        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 10 + (buffer.getShort(8) & 0xffff);
        float[] values = new float[(bytes.length - dataStart) / Float.BYTES];
        buffer.position(dataStart);
        buffer.asFloatBuffer().get(values);
        return values;
    }

    /**
     * The features the training pipeline computes for the whole of {@code audio} as one evaluation chunk, decoding
     * it or (with {@code cacheDir}) reading it through the PCM cache.
     */
    private static float[] pipelineFeatures(Path audio, FeatureConfig features, Path cacheDir) throws Exception {
        AudioDecoder decoder = new AudioDecoder(features.sampleRate());
        PcmSource source = cacheDir == null ? PcmSource.decoding(decoder)
                : new PcmCache(cacheDir, decoder, features.sampleRate());
        int samples = source.open(audio).length();
        MelSpectrogram mel = new MelSpectrogram(features);
        Track track = new Track("noise", audio, new boolean[] {true}, Split.TEST);
        try (BatchStream stream = new BatchStream(mel::compute, samples, source, 1, 1);
             OrderedPrefetch<BatchStream.TrackChunks> chunks = stream.evaluation(List.of(track), 1)) {
            return chunks.next().batch().features();
        }
    }
}
