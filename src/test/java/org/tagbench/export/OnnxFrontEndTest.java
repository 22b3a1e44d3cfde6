package org.tagbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.MelKernels;
import org.tagbench.frontend.MelSpectrogram;

/**
 * The log-mel the ONNX graph computes inside, run in ONNX Runtime, against the CPU {@link MelSpectrogram} (itself
 * checked against librosa in float64): within 1e-3 dB wherever the CPU value is above -60 dB, on noise and on a
 * decoded real recording, for the default features and for settings that change every step (another rate, n_fft,
 * window and a hop that does not divide n_fft, zero padding, HTK filters without norm, magnitude, top_db); log1p
 * within 1e-4 (log10 units) everywhere.
 */
class OnnxFrontEndTest {
    private static final double DB_TOLERANCE = 1e-3;
    private static final double QUIETEST_DB = -60;
    private static final double LOG1P_TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "features.sample_rate=16000 features.n_fft=1024 features.win_length=800 "
            + "features.hop_length=300 features.pad_mode=constant features.mel_scale=htk features.norm=none "
            + "features.n_mels=64 features.fmin=30 features.fmax=7600 features.power=1 features.top_db=60",
            "features.scale=log1p"})
    void logMelInsideTheGraphEqualsTheCpuFrontEnd(String settings) throws Exception {
        FeatureConfig features = ConfigLoader.features(null,
                settings.equals("default") ? List.of() : List.of(settings.split(" ")));
        int samples = features.sampleRate() * 3 / 2;
        float[][] audio = {noise(samples, 3), recording(features.sampleRate(), samples)};

        float[][][] mel = (float[][][]) OnnxRun.outputs(frontEndOnly(features, samples), OnnxModelWriter.INPUT, audio)
                .get("mel");

        MelSpectrogram cpu = new MelSpectrogram(features);
        int frames = cpu.frames(samples);
        int compared = 0;
        for (int b = 0; b < audio.length; b++) {
            float[] expected = cpu.compute(audio[b]);
            assertEquals(features.nMels(), mel[b].length);
            for (int m = 0; m < features.nMels(); m++) {
                assertEquals(frames, mel[b][m].length);
                for (int t = 0; t < frames; t++) {
                    double want = expected[m * frames + t];
                    String where = "signal " + b + " band " + m + " frame " + t;
                    if (features.scale() == AmplitudeScale.LOG1P) {
                        assertEquals(want, mel[b][m][t], LOG1P_TOLERANCE, where);
                        compared++;
                    } else if (want > QUIETEST_DB) {
                        assertEquals(want, mel[b][m][t], DB_TOLERANCE, where);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > audio.length * features.nMels() * frames / 2, compared + " values compared");
    }

    /** A graph of the front end alone, from the writer's own code, with the log-mel as output {@code mel}. */
    static byte[] frontEndOnly(FeatureConfig features, int samples) {
        OnnxGraph graph = new OnnxGraph("front_end");
        String mel = OnnxFrontEnd.add(graph, features, MelKernels.dftBasis(features), MelKernels.melMatrix(features),
                samples, graph.input(OnnxModelWriter.INPUT, samples));
        int frames = new MelSpectrogram(features).frames(samples);
        graph.output(mel, "mel", features.nMels(), frames);
        return ModelProto.newBuilder().setIrVersion(OnnxModelWriter.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(OnnxModelWriter.OPSET))
                .setGraph(graph.build()).build().toByteArray();
    }

    /** Gaussian noise of standard deviation 0.1. */
    static float[] noise(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }

    /** The first {@code samples} of the test recording (a chirp, MP3) decoded at {@code sampleRate}. */
    static float[] recording(int sampleRate, int samples) throws Exception {
        float[] pcm = new AudioDecoder(sampleRate).decode(Path.of("src/test/resources/audio/chirp.mp3"));
        return Arrays.copyOf(pcm, samples);
    }
}
