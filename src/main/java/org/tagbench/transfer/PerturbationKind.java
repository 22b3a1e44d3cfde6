package org.tagbench.transfer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tagbench.audio.perturb.Gain;
import org.tagbench.audio.perturb.Mp3Codec;
import org.tagbench.audio.perturb.Perturbation;
import org.tagbench.audio.perturb.PinkNoise;
import org.tagbench.audio.perturb.PitchShift;
import org.tagbench.audio.perturb.TimeStretch;
import org.tagbench.audio.perturb.WhiteNoise;

/**
 * The perturbations {@code tagbench robustness --perturb KEY:PARAM=...} knows, each with its one parameter and the
 * range that parameter may take (Won et al. 2020 measured taggers under these).
 */
public enum PerturbationKind {
    /** Gaussian white noise at an SNR in dB. */
    NOISE("noise", "snr", "dB"),
    /** Pink (1/f) noise at an SNR in dB. */
    PINK("pink", "snr", "dB"),
    /** A pitch shift in semitones, the length kept. */
    PITCH("pitch", "semitones", "semitones"),
    /** A time stretch by a rate (> 1 faster), the pitch kept. */
    STRETCH("stretch", "rate", "x"),
    /** An MP3 round trip at a bit rate in kbps. */
    MP3("mp3", "kbps", "kbps"),
    /** A level change in dB, clipped at full scale. */
    GAIN("gain", "db", "dB");

    /** Largest pitch shift either way: an octave. */
    private static final double MAX_SEMITONES = 12;
    /** Largest time-stretch rate. */
    private static final double MAX_RATE = 4;
    /** Largest gain either way. */
    private static final double MAX_GAIN_DB = 60;

    private final String key;
    private final String parameter;
    private final String unit;

    PerturbationKind(String key, String parameter, String unit) {
        this.key = key;
        this.parameter = parameter;
        this.unit = unit;
    }

    /** The name on the command line and in the store. */
    public String key() {
        return key;
    }

    /** The parameter's name on the command line and in the store. */
    public String parameter() {
        return parameter;
    }

    /** The parameter's unit, for axis labels. */
    public String unit() {
        return unit;
    }

    /** The kind named {@code key}, if any. */
    public static Optional<PerturbationKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The keys, for messages: "noise, pink, ..., gain". */
    static String keys() {
        return Arrays.stream(values()).map(PerturbationKind::key).collect(Collectors.joining(", "));
    }

    /** Why {@code value} is outside this parameter's range at {@code sampleRate} Hz (one line), or null if it is not. */
    String problem(double value, int sampleRate) {
        String expected = switch (this) {
            case NOISE, PINK -> null;
            case PITCH -> Math.abs(value) <= MAX_SEMITONES ? null : "-12 to 12 semitones";
            case STRETCH -> value > 0 && value <= MAX_RATE ? null : "a rate above 0 and at most 4";
            case GAIN -> Math.abs(value) <= MAX_GAIN_DB ? null : "-60 to 60 dB";
            case MP3 -> value == Math.rint(value) ? null : "a whole number of kbps";
        };
        if (expected != null) {
            return shown(value) + " is out of range (expected " + expected + ")";
        }
        return this == MP3 ? Mp3Codec.problem((int) value, sampleRate) : null;
    }

    /** This perturbation at strength {@code value}; noise drawn from {@code seed}. */
    public Perturbation at(double value, long seed) {
        return switch (this) {
            case NOISE -> new WhiteNoise(value, seed);
            case PINK -> new PinkNoise(value, seed);
            case PITCH -> new PitchShift(value);
            case STRETCH -> new TimeStretch(value);
            case MP3 -> new Mp3Codec((int) value);
            case GAIN -> new Gain(value);
        };
    }

    /** {@code value} as the command line and tables show it: whole numbers without a decimal point. */
    static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
