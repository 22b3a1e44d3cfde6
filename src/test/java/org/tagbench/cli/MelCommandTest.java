package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.WavWriter;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.MelSpectrogram;

class MelCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheLogMelAsALittleEndianFloat32NpyArray() throws Exception {
        float[] noise = new float[8000];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * random.nextGaussian());
        }
        Path wav = dir.resolve("noise.wav");
        try (OutputStream out = Files.newOutputStream(wav)) {
            WavWriter.write(out, noise, 16000);
        }
        Path npy = dir.resolve("noise.npy");
        StringWriter err = new StringWriter();
        int code = TagbenchCommand.commandLine().setErr(new PrintWriter(err, true)).execute("mel", wav.toString(),
                "--out", npy.toString(), "--sr", "16000", "--n-fft", "400", "--hop", "160", "--n-mels", "40",
                "--mel-scale", "htk", "--norm", "none", "--pad-mode", "constant");
        assertEquals(0, code, err.toString());

        FeatureConfig features = ConfigLoader.features(null, List.of("features.sample_rate=16000",
                "features.n_fft=400", "features.hop_length=160", "features.n_mels=40", "features.mel_scale=htk",
                "features.norm=none", "features.pad_mode=constant"));
        float[] expected = new MelSpectrogram(features).compute(new AudioDecoder(16000).decode(wav));

        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buffer.getShort(8) & 0xffff;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'"), header);
        assertTrue(header.contains("'fortran_order': False"), header);
        assertTrue(header.replace(" ", "").contains("'shape':(40,51)"), header);
        float[] written = new float[(bytes.length - 10 - headerLength) / 4];
        buffer.position(10 + headerLength);
        buffer.asFloatBuffer().get(written);
        assertArrayEquals(expected, written, 0f);
    }
}
