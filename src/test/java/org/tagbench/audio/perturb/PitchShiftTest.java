package org.tagbench.audio.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PitchShift against sox's {@code pitch} on a 440 Hz tone (scripts/perturb_golden.py) and the exact interval. */
class PitchShiftTest {
    @Test
    void aSemitoneUpAndTwoDownLandWithinACentOfSoxAndTheExactInterval() throws Exception {
        float[] tone = PerturbFixtures.wav("tone.wav");
        JsonNode pitch = PerturbFixtures.golden().get("pitch");
        for (String name : new String[] {"tone-pitch+100.wav", "tone-pitch-200.wav"}) {
            double semitones = pitch.get(name).get("cents").asDouble() / 100;
            float[] shifted = new PitchShift(semitones).apply(tone, PerturbFixtures.SAMPLE_RATE);
            assertEquals(tone.length, shifted.length, "a pitch shift keeps the length");
            double ours = PerturbFixtures.dominantFrequency(shifted);
            double exact = 440 * Math.pow(2, semitones / 12);
            double sox = pitch.get(name).get("dominant_hz").asDouble();
            assertEquals(0, PerturbFixtures.cents(exact, ours), 1, name + ": ours " + ours + " Hz, exact " + exact);
            assertEquals(0, PerturbFixtures.cents(sox, ours), 2, name + ": ours " + ours + " Hz, sox " + sox);
            // A phase vocoder on a steady tone keeps its level (away from the edges) within 1 dB.
            double level = PerturbFixtures.decibels(middleEnergy(shifted), middleEnergy(tone));
            assertTrue(Math.abs(level) < 1, name + ": level changed by " + level + " dB");
        }
    }

    @Test
    void noShiftGivesTheInputBack() throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        float[] same = new PitchShift(0).apply(mix, PerturbFixtures.SAMPLE_RATE);
        double error = PerturbFixtures.decibels(PerturbFixtures.energy(mix), PerturbFixtures.differenceEnergy(same, mix));
        assertTrue(error > 100, "STFT, vocoder at rate 1 and resampling by 1 reconstruct the input: SNR " + error);
    }

    private static double middleEnergy(float[] x) {
        float[] middle = Arrays.copyOfRange(x, x.length / 4, 3 * x.length / 4);
        return PerturbFixtures.energy(middle);
    }
}
