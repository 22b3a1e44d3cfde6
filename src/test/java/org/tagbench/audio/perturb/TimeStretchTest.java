package org.tagbench.audio.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/** TimeStretch against sox's {@code tempo} on a 440 Hz tone (scripts/perturb_golden.py): duration and pitch. */
class TimeStretchTest {
    private static final int SR = PerturbFixtures.SAMPLE_RATE;

    @Test
    void durationFollowsTheRateAsSoxTempoAndThePitchStays() throws Exception {
        float[] tone = PerturbFixtures.wav("tone.wav");
        JsonNode tempo = PerturbFixtures.golden().get("tempo");
        for (String name : new String[] {"tone-tempo1.25.wav", "tone-tempo0.8.wav"}) {
            double rate = tempo.get(name).get("rate").asDouble();
            float[] stretched = new TimeStretch(rate).apply(tone, SR);
            assertEquals(tempo.get(name).get("samples").asInt(), stretched.length, name + ": length as sox's");
            double ours = PerturbFixtures.dominantFrequency(stretched);
            assertEquals(0, PerturbFixtures.cents(440, ours), 0.5, name + ": ours " + ours + " Hz");
            assertEquals(0, PerturbFixtures.cents(tempo.get(name).get("dominant_hz").asDouble(), ours), 0.5, name);
            assertTrue(purity(stretched) > 40, name + ": a vocoded steady tone has no splices: "
                    + purity(stretched) + " dB between the tone and the rest");
        }
    }

    @Test
    void rateOneGivesTheInputBack() throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        float[] same = new TimeStretch(1).apply(mix, SR);
        assertEquals(mix.length, same.length);
        double error = PerturbFixtures.decibels(PerturbFixtures.energy(mix), PerturbFixtures.differenceEnergy(same, mix));
        assertTrue(error > 100, "STFT and its inverse reconstruct the input: SNR " + error + " dB");
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimeStretch(0));
        assertThrows(IllegalArgumentException.class, () -> new TimeStretch(Double.NaN));
    }

    /**
     * Energy within 10 Hz of 440 Hz over the energy elsewhere, in dB, for the middle second (Hann window): dropping
     * or repeating frames would splice the sine and spread its energy.
     */
    private static double purity(float[] x) {
        int start = x.length / 2 - SR / 2;
        double[] buffer = new double[SR];
        for (int i = 0; i < SR; i++) {
            buffer[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / SR));
        }
        new DoubleFFT_1D(SR).realForward(buffer);
        double tone = 0;
        double rest = 0;
        for (int k = 1; k < SR / 2; k++) { // 1 Hz bins
            double power = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
            if (Math.abs(k - 440) <= 10) {
                tone += power;
            } else {
                rest += power;
            }
        }
        return PerturbFixtures.decibels(tone, rest);
    }
}
