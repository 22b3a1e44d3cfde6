package org.tagbench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every label of a rendered clip is audible as its definition says, and nothing unlabelled is in the mix. */
class SyntheticAudioTest {
    private static final int RATE = 12000;
    private static final SyntheticSpec SPEC = new SyntheticSpec(60, 3.0, RATE, 7);
    /** The first 12 clips of a split promise every tag once, so they hold every voice and both tempos. */
    private static final int CLIPS = 12;
    private static final double ONSET_FRAME_SECONDS = 0.01;

    private static List<SyntheticScore> scores;
    private static List<SyntheticAudio> audio;

    @BeforeAll
    static void render() {
        scores = IntStream.range(0, CLIPS).mapToObj(c -> SyntheticScore.draw(SPEC, c)).toList();
        audio = scores.stream().map(s -> SyntheticAudio.render(s, RATE, SPEC.clipSamples())).toList();
    }

    @Test
    void theClipsCoverEveryVoiceAndTempo() {
        Set<SyntheticVoice> voices = scores.stream().flatMap(s -> s.parts().stream()).map(SyntheticPart::voice)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SyntheticVoice.class)));
        assertEquals(EnumSet.allOf(SyntheticVoice.class), voices);
        assertEquals(Set.of(SyntheticTempo.values()),
                scores.stream().map(SyntheticScore::tempo).collect(Collectors.toSet()));
    }

    @Test
    void theMixIsExactlyTheSumOfTheLabelledStems() {
        for (int c = 0; c < CLIPS; c++) {
            SyntheticScore score = scores.get(c);
            Map<SyntheticVoice, double[]> stems = audio.get(c).stems();
            Set<String> labelled = new HashSet<>();
            boolean[] labels = score.labels();
            for (int t = 0; t < labels.length; t++) {
                if (labels[t]) {
                    labelled.add(SyntheticDataset.TAGS.get(t));
                }
            }
            Set<String> sounding = stems.keySet().stream().map(SyntheticVoice::tag).collect(Collectors.toSet());
            sounding.add(score.tempo().tag());
            assertEquals(labelled, sounding, "clip " + c);
            float[] mix = audio.get(c).mix();
            double peak = 0;
            for (int i = 0; i < mix.length; i++) {
                double sum = 0;
                for (double[] stem : stems.values()) {
                    sum += stem[i];
                }
                assertEquals(sum, mix[i], 1e-6, "clip " + c + " sample " + i);
                peak = Math.max(peak, Math.abs(mix[i]));
            }
            assertEquals(0.89, peak, 1e-6);
            for (Map.Entry<SyntheticVoice, double[]> stem : stems.entrySet()) {
                double rms = Spectrum.rms(stem.getValue(), 0, mix.length);
                assertTrue(rms > 0.01, "clip " + c + " " + stem.getKey() + " is nearly silent: rms " + rms);
            }
        }
    }

    @Test
    void everyVoicePlaysAtTheClipsTempo() {
        for (int c = 0; c < CLIPS; c++) {
            SyntheticTempo tempo = scores.get(c).tempo();
            for (Map.Entry<SyntheticVoice, double[]> stem : audio.get(c).stems().entrySet()) {
                if (stem.getKey().background()) {
                    continue;
                }
                List<Double> onsets = onsets(stem.getValue());
                double interval = medianInterval(onsets);
                String what = "clip " + c + " " + stem.getKey() + " " + tempo + ": median onset interval " + interval;
                assertTrue(onsets.size() >= 2, what);
                assertTrue(interval >= 1 / tempo.maxRate() - ONSET_FRAME_SECONDS
                        && interval <= 1 / tempo.minRate() + ONSET_FRAME_SECONDS, what);
            }
        }
    }

    @Test
    void everyVoiceSoundsAsItsTagDefines() {
        int checked = 0;
        for (int c = 0; c < CLIPS; c++) {
            for (SyntheticPart part : scores.get(c).parts()) {
                double[] stem = audio.get(c).stems().get(part.voice());
                String what = "clip " + c + " " + part.voice();
                switch (part.voice()) {
                    case PIANO -> assertDecays(stem, part.notes(), what);
                    case GUITAR -> {
                        assertDecays(stem, part.notes(), what);
                        assertTrue(whole(stem).share(0, 1000) > 0.85, what + " is not in the guitar's low register");
                    }
                    case STRINGS -> assertSlowAttack(stem, part.notes(), what);
                    case FLUTE -> assertTrue(whole(stem).share(480, 1900) > 0.9,
                            what + " has not most of its energy in its fundamentals C5-A6");
                    case BRASS -> assertSwells(stem, part.notes(), what);
                    case ORGAN -> assertSteady(stem, part.notes(), what);
                    case BASS -> assertTrue(whole(stem).share(0, 400) > 0.95, what + " is not below 400 Hz");
                    case DRUMS -> {
                        Spectrum spectrum = whole(stem);
                        assertTrue(spectrum.share(0, 200) > 0.3, what + " has no kick below 200 Hz");
                        assertTrue(spectrum.share(1000, 4000) > 0.1, what + " has no snare at 1-4 kHz");
                    }
                    case HIHAT -> assertTrue(whole(stem).share(3000, RATE) > 0.95, what + " is not above 3 kHz");
                    case NOISY -> assertSteadyBroadband(stem, what);
                }
                checked++;
            }
        }
        assertTrue(checked >= SyntheticVoice.values().length);
    }

    private static Spectrum whole(double[] stem) {
        return Spectrum.of(stem, 0, stem.length, RATE);
    }

    /** RMS of the part of a note between the fractions {@code from} and {@code to} of its duration. */
    private static double rms(double[] stem, SyntheticNote note, double from, double to) {
        int start = note.firstSample(RATE);
        int length = note.samples(RATE, stem.length);
        return Spectrum.rms(stem, start + (int) (from * length), start + (int) (to * length));
    }

    /** Full notes only: the last one may be cut short by the end of the clip. */
    private static List<SyntheticNote> fullNotes(List<SyntheticNote> notes) {
        return notes.subList(0, notes.size() - 1);
    }

    private static void assertDecays(double[] stem, List<SyntheticNote> notes, String what) {
        for (SyntheticNote note : fullNotes(notes)) {
            assertTrue(rms(stem, note, 0.05, 0.25) > 1.25 * rms(stem, note, 0.65, 0.85), what + " does not decay");
        }
    }

    private static void assertSlowAttack(double[] stem, List<SyntheticNote> notes, String what) {
        for (SyntheticNote note : fullNotes(notes)) {
            assertTrue(rms(stem, note, 0, 0.05) < 0.3 * rms(stem, note, 0.5, 0.9), what + " starts abruptly");
        }
    }

    private static void assertSwells(double[] stem, List<SyntheticNote> notes, String what) {
        for (SyntheticNote note : fullNotes(notes)) {
            assertTrue(rms(stem, note, 0.65, 0.85) > 1.3 * rms(stem, note, 0.25, 0.45), what + " does not swell");
        }
    }

    private static void assertSteady(double[] stem, List<SyntheticNote> notes, String what) {
        for (SyntheticNote note : fullNotes(notes)) {
            double ratio = rms(stem, note, 0.2, 0.5) / rms(stem, note, 0.5, 0.8);
            assertTrue(ratio > 0.85 && ratio < 1.15, what + " is not steady: " + ratio);
            assertTrue(rms(stem, note, 0, 0.04) > 0.5 * rms(stem, note, 0.2, 0.8), what + " starts slowly");
        }
    }

    private static void assertSteadyBroadband(double[] stem, String what) {
        double rms = Spectrum.rms(stem, 0, stem.length);
        int frame = RATE / 20;
        for (int start = 0; start + frame <= stem.length; start += frame) {
            double local = Spectrum.rms(stem, start, start + frame);
            assertTrue(local > 0.7 * rms && local < 1.4 * rms, what + " is not steady at " + start);
        }
        Spectrum spectrum = whole(stem);
        for (double low = 375; low < RATE / 2.0; low *= 2) {
            assertTrue(spectrum.share(low, 2 * low) > 0.05, what + " lacks the octave from " + low + " Hz");
        }
    }

    /** Times where a stem starts sounding after silence, in 10 ms frames: the stems are silent between notes. */
    private static List<Double> onsets(double[] stem) {
        int frame = (int) (ONSET_FRAME_SECONDS * RATE);
        double[] energy = IntStream.range(0, stem.length / frame)
                .mapToDouble(f -> Math.pow(Spectrum.rms(stem, f * frame, (f + 1) * frame), 2)).toArray();
        double floor = 1e-6 * Arrays.stream(energy).max().orElseThrow();
        List<Double> onsets = new ArrayList<>();
        for (int f = 0; f < energy.length; f++) {
            if (energy[f] > floor && (f == 0 || energy[f - 1] <= floor)) {
                onsets.add(f * ONSET_FRAME_SECONDS);
            }
        }
        return onsets;
    }

    private static double medianInterval(List<Double> onsets) {
        double[] intervals = IntStream.range(1, onsets.size()).mapToDouble(i -> onsets.get(i) - onsets.get(i - 1))
                .sorted().toArray();
        return intervals.length == 0 ? Double.NaN : intervals[intervals.length / 2];
    }
}
