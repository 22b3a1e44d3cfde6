package org.tagbench.audio.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mp3Codec against the ffmpeg command line's libmp3lame encode and mp3 decode of the same 12 kHz clip at the same
 * bit rate (scripts/perturb_golden.py): aligned sample for sample, the same spectrum band by band.
 */
class Mp3CodecTest {
    private static final int SR = PerturbFixtures.SAMPLE_RATE;

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void roundTripMatchesFfmpegsEncodeAndDecode(int kbps) throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        float[] ffmpeg = PerturbFixtures.wav("mix-mp3-" + kbps + "k.wav");
        float[] ours = new Mp3Codec(kbps).apply(mix, SR);
        assertEquals(mix.length, ours.length);
        assertEquals(mix.length, ffmpeg.length);
        double agreement = PerturbFixtures.decibels(PerturbFixtures.energy(ffmpeg),
                PerturbFixtures.differenceEnergy(ours, ffmpeg));
        // The same LAME (3.100) behind both: they differ by ffmpeg's rounding to 16 bits only (85 dB measured).
        assertTrue(agreement > 75, kbps + " kbps: ours against ffmpeg's decode, SNR " + agreement + " dB");
        double loss = PerturbFixtures.decibels(PerturbFixtures.energy(mix), PerturbFixtures.differenceEnergy(ours, mix));
        assertTrue(loss < 30, kbps + " kbps: the codec changes the clip, SNR " + loss + " dB to the clean one");
        double[] oursBands = bands(ours);
        double[] ffmpegBands = bands(ffmpeg);
        double loudest = Arrays.stream(ffmpegBands).max().orElseThrow();
        for (int b = 0; b < ffmpegBands.length; b++) {
            if (ffmpegBands[b] > loudest * 1e-6) {
                assertEquals(0, PerturbFixtures.decibels(oursBands[b], ffmpegBands[b]), 0.5, kbps + " kbps band " + b);
            }
        }
    }

    @Test
    void bitRatesAreCheckedAgainstTheMpegVersionOfTheSampleRate() {
        assertNull(Mp3Codec.problem(64, 12000));
        assertNull(Mp3Codec.problem(320, 44100));
        assertEquals("320 kbps is not an MP3 bit rate at 16000 Hz (expected one of 8, 16, 24, 32, 40, 48, 56, 64, 80, "
                + "96, 112, 128, 144, 160)", Mp3Codec.problem(320, 16000));
        assertEquals("MP3 has no sample rate 11000 Hz (it has 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, "
                + "48000)", Mp3Codec.problem(64, 11000));
        assertThrows(IllegalArgumentException.class, () -> new Mp3Codec(144).apply(new float[100], 44100));
    }

    /** Energy in 250 Hz bands (Welch, 512-point segments of 12 kHz audio). */
    private static double[] bands(float[] x) {
        double[] signal = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            signal[i] = x[i];
        }
        double[] power = PerturbFixtures.welch(signal, 512);
        double[] bands = new double[24];
        for (int k = 0; k < 256; k++) {
            bands[k * 24 / 256] += power[k];
        }
        return bands;
    }
}
