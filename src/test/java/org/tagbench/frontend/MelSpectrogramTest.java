package org.tagbench.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.config.MelNorm;
import org.tagbench.config.MelScale;
import org.tagbench.config.PadMode;
import org.tagbench.config.Window;

/**
 * The CPU front end against float64 NumPy references of librosa's definitions (scripts/mel_golden.py): three
 * settings, six signals each (sine, chirp, noise, impulse, silence, a clip shorter than n_fft).
 */
public class MelSpectrogramTest {

    /** The golden file's settings, each with its filterbank and cases. */
    public static Stream<JsonNode> settings() throws IOException {
        try (InputStream in = MelSpectrogramTest.class.getResourceAsStream("/frontend/mel-golden.json")) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).get("settings").forEach(out::add);
            return out.stream();
        }
    }

    public static Stream<Arguments> cases() throws IOException {
        return settings().flatMap(s -> {
            List<Arguments> out = new ArrayList<>();
            s.get("cases").forEach(c -> out.add(Arguments.of(s.get("name").asText() + " / " + c.get("signal").asText(),
                    s, c)));
            return out.stream();
        });
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("settings")
    void filterbankMatchesTheReferenceWithin1e6(JsonNode s) {
        FeatureConfig f = features(s);
        MelFilterbank bank = MelFilterbank.of(f.sampleRate(), f.nFft(), f.nMels(), f.fmin(), f.fmax(),
                f.melScale(), f.norm());
        JsonNode expected = s.get("filterbank");
        assertEquals(expected.size(), bank.bands());
        for (int m = 0; m < bank.bands(); m++) {
            for (int k = 0; k < expected.get(m).size(); k++) {
                assertEquals(expected.get(m).get(k).asDouble(), bank.weight(m, k), 1e-6, "band " + m + " bin " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logMelMatchesTheReferenceWithin1e3Db(String name, JsonNode s, JsonNode c) {
        float[] pcm = samples(c);
        MelSpectrogram mel = new MelSpectrogram(features(s));
        float[] out = mel.compute(pcm);
        JsonNode expected = c.get("log_mel");
        int frames = expected.get(0).size();
        assertEquals(frames, mel.frames(pcm.length));
        assertEquals(expected.size() * frames, out.length);
        for (int m = 0; m < expected.size(); m++) {
            for (int t = 0; t < frames; t++) {
                assertEquals(expected.get(m).get(t).asDouble(), out[m * frames + t], 1e-3, "band " + m + " frame " + t);
            }
        }
    }

    /** The float32 samples of a golden case. */
    public static float[] samples(JsonNode c) {
        JsonNode signal = c.get("samples");
        float[] pcm = new float[signal.size()];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) signal.get(i).asDouble();
        }
        return pcm;
    }

    /** The settings of a golden entry as a feature config. */
    public static FeatureConfig features(JsonNode s) {
        int nFft = s.get("n_fft").asInt();
        return new FeatureConfig(s.get("sample_rate").asInt(), nFft, nFft, s.get("hop_length").asInt(),
                Window.HANN, true, PadMode.valueOf(s.get("pad_mode").asText().toUpperCase(Locale.ROOT)),
                s.get("n_mels").asInt(), s.get("fmin").asDouble(), s.get("fmax").asDouble(),
                MelScale.valueOf(s.get("mel_scale").asText().toUpperCase(Locale.ROOT)),
                MelNorm.valueOf(s.get("norm").asText().toUpperCase(Locale.ROOT)), s.get("power").asDouble(),
                AmplitudeScale.DB, 1.0, 1e-10, null, 10000.0, FrontEndPlacement.CPU);
    }
}
