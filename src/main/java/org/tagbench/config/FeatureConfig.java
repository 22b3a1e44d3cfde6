package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * The log-mel front end, with librosa's parameter names and meanings. Defaults (the paper's): 12 kHz audio,
 * n_fft 512, win_length = n_fft, hop 256, Hann, centred with reflect padding, 96 Slaney mel bands from 0 Hz to
 * sample_rate/2 with Slaney norm, power 2, decibels with ref 1, amin 1e-10, no top_db; log1p_c 10000. Where it runs
 * ({@code frontend}) does not change its values: on the CPU by default, or inside the network. With {@code trainable}
 * (only inside the network, as kapre 0.2's {@code trainable_fb}) the mel filterbank starts as these settings make it
 * and is then a parameter the network trains; with {@code trainable_dft} as well (kapre 0.1's
 * {@code trainable_kernel}) the STFT's real and imaginary DFT basis, the window folded in, trains too. {@code top_db}
 * works with both: its clamp at each example's maximum minus top_db is differentiable almost everywhere. Absent
 * means false and leaves the canonical config, so configs written before the keys existed keep their hash and
 * experiment key.
 */
public record FeatureConfig(int sampleRate, int nFft, int winLength, int hopLength, Window window, boolean center,
                            PadMode padMode, int nMels, double fmin, double fmax, MelScale melScale, MelNorm norm,
                            double power, AmplitudeScale scale, double ref, double amin, Double topDb,
                            double log1pC, FrontEndPlacement frontend,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean trainable,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean trainableDft) {

    /** Checks each value and the rules between them (frame sizes, mel bands against FFT bins, band edges). */
    public FeatureConfig {
        Require.positive("sample_rate", sampleRate);
        Require.positive("n_fft", nFft);
        Require.positive("win_length", winLength);
        if (winLength > nFft) {
            throw new ConfigException("win_length", winLength + " exceeds n_fft = " + nFft);
        }
        Require.positive("hop_length", hopLength);
        Require.positive("n_mels", nMels);
        int bins = nFft / 2 + 1;
        if (nMels > bins) {
            throw new ConfigException("n_mels", nMels + " mel bands exceed n_fft/2+1 = " + bins + " frequency bins");
        }
        Require.atLeast("fmin", fmin, 0);
        double nyquist = sampleRate / 2.0;
        if (fmax > nyquist) {
            throw new ConfigException("fmax", fmax + " Hz exceeds sample_rate/2 = " + nyquist + " Hz (sample_rate "
                    + sampleRate + ")");
        }
        if (fmin >= fmax) {
            throw new ConfigException("fmin", fmin + " Hz is not below fmax = " + fmax + " Hz");
        }
        if (power != 1.0 && power != 2.0) {
            throw new ConfigException("power", power + " is not 1 (magnitude) or 2 (power)");
        }
        Require.positive("ref", ref);
        Require.positive("amin", amin);
        if (topDb != null) {
            Require.atLeast("top_db", topDb, 0);
        }
        Require.positive("log1p_c", log1pC);
        if (trainable && frontend != FrontEndPlacement.NETWORK) {
            throw new ConfigException("trainable", "true needs frontend: network (the filterbank trains inside the"
                    + " network), not frontend: " + frontend.name().toLowerCase(Locale.ROOT));
        }
        if (trainableDft && !trainable) {
            throw new ConfigException("trainable_dft", "true needs trainable: true (the DFT basis trains with the"
                    + " filterbank), not trainable: false");
        }
    }
}
