package org.tagbench.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;

/**
 * The CPU front end against the goldens of scripts/mel_golden.py (float64 NumPy by librosa's definitions, checked
 * there against torchaudio): the paper's settings and one setting per README `features` option, six signals each
 * (sine, chirp, noise, impulse, silence, a clip shorter than n_fft, which center=false cannot frame).
 */
public class MelSpectrogramTest {
    private static final double FILTERBANK_TOLERANCE = 1e-9;
    private static final double DB_TOLERANCE = 1e-3;
    private static final double LOG1P_TOLERANCE = 1e-5;
    /** Linear values are float32 roundings of double results: relative error 6e-8, far inside this. */
    private static final double LINEAR_RELATIVE_TOLERANCE = 1e-6;
    /** JTransforms' double FFT leaves errors ~1e-16 of the loudest value in the quietest bins. */
    private static final double LINEAR_PEAK_TOLERANCE = 1e-12;
    /**
     * Options that change no value: Hann is the only window, the placement moves the same computation, and a trainable
     * filterbank and DFT basis start as this front end's (TrainableFrontEndTest checks what training does to them).
     */
    private static final Set<String> OPTIONS_WITHOUT_VALUES = Set.of("window", "frontend", "trainable",
            "trainableDft");

    /** The golden file's settings, each with its features, filterbank and cases (each case with its samples). */
    public static Stream<JsonNode> settings() throws IOException {
        try (InputStream in = MelSpectrogramTest.class.getResourceAsStream("/frontend/mel-golden.json")) {
            JsonNode golden = new ObjectMapper().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode s : golden.get("settings")) {
                JsonNode signals = golden.get("signals").get(s.get("features").get("sample_rate").asText());
                s.get("cases").forEach(c -> ((ObjectNode) c).set("samples", signals.get(c.get("signal").asText())));
                out.add(s);
            }
            return out.stream();
        }
    }

    /** Every golden case as (name, settings, case). */
    public static Stream<Arguments> cases() throws IOException {
        return settings().flatMap(s -> {
            List<Arguments> out = new ArrayList<>();
            s.get("cases").forEach(c -> out.add(Arguments.of(s.get("name").asText() + " / " + c.get("signal").asText(),
                    s, c)));
            return out.stream();
        });
    }

    @Test
    void everyOptionThatChangesValuesLeavesItsDefaultInSomeGoldenSetting() throws IOException {
        FeatureConfig defaults = ConfigLoader.features(null, List.of());
        List<FeatureConfig> golden = settings().map(MelSpectrogramTest::features).toList();
        for (RecordComponent option : FeatureConfig.class.getRecordComponents()) {
            String name = option.getName();
            if (OPTIONS_WITHOUT_VALUES.contains(name)) {
                continue;
            }
            Object fallback = value(option, defaults);
            assertTrue(golden.stream().anyMatch(f -> !Objects.equals(fallback, value(option, f))),
                    name + " keeps its default " + fallback + " in every golden setting");
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("settings")
    void filterbankMatchesTheReferenceWithin1e9(JsonNode s) {
        FeatureConfig f = features(s);
        MelFilterbank bank = MelFilterbank.of(f.sampleRate(), f.nFft(), f.nMels(), f.fmin(), f.fmax(),
                f.melScale(), f.norm());
        JsonNode bands = s.get("filterbank");
        assertEquals(bands.size(), bank.bands());
        for (int m = 0; m < bank.bands(); m++) {
            int first = bands.get(m).get("first").asInt();
            JsonNode weights = bands.get(m).get("weights");
            for (int k = 0; k < f.nFft() / 2 + 1; k++) {
                double expected = k >= first && k < first + weights.size() ? weights.get(k - first).asDouble() : 0;
                assertEquals(expected, bank.weight(m, k), FILTERBANK_TOLERANCE, "band " + m + " bin " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void melMatchesTheReferenceOnEveryScale(String name, JsonNode s, JsonNode c) {
        float[] pcm = samples(c);
        FeatureConfig features = features(s);
        MelSpectrogram mel = new MelSpectrogram(features);
        float[] out = mel.compute(pcm);
        JsonNode expected = c.get("mel");
        int frames = expected.get(0).size();
        assertEquals(frames, mel.frames(pcm.length));
        assertEquals(expected.size() * frames, out.length);
        double peak = 0;
        for (JsonNode band : expected) {
            for (JsonNode value : band) {
                peak = Math.max(peak, Math.abs(value.asDouble()));
            }
        }
        for (int m = 0; m < expected.size(); m++) {
            for (int t = 0; t < frames; t++) {
                double reference = expected.get(m).get(t).asDouble();
                double tolerance = switch (features.scale()) {
                    case DB -> DB_TOLERANCE;
                    case LOG1P -> LOG1P_TOLERANCE;
                    case LINEAR -> LINEAR_RELATIVE_TOLERANCE * Math.abs(reference) + LINEAR_PEAK_TOLERANCE * peak;
                };
                assertEquals(reference, out[m * frames + t], tolerance, "band " + m + " frame " + t);
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

    /** The settings of a golden entry as a feature config, read through the config's own keys. */
    public static FeatureConfig features(JsonNode s) {
        List<String> overrides = new ArrayList<>();
        s.get("features").fields().forEachRemaining(e -> overrides.add("features." + e.getKey() + "=" + e.getValue()));
        return ConfigLoader.features(null, overrides);
    }

    private static Object value(RecordComponent option, FeatureConfig features) {
        try {
            return option.getAccessor().invoke(features);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
