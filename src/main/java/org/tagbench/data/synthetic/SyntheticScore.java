package org.tagbench.data.synthetic;

import org.tagbench.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything one synthetic clip will contain, drawn before any sample is rendered, so its labels can be known
 * (and checked) without audio: its split, tempo and note rate, and the parts of its voices.
 */
record SyntheticScore(int clip, Split split, SyntheticTempo tempo, double rate, List<SyntheticPart> parts) {
    /** Most foreground voices (instruments and percussion) in one clip; there is at least one. */
    static final int MAX_VOICES = 4;
    /** Share of each step a note sounds; the rest is silence, so every note is a distinct onset. */
    static final double GATE = 0.85;
    /** Chance that a clip has the background hiss. */
    private static final double NOISY_CHANCE = 0.3;
    private static final double MIN_GAIN_DB = -6;
    private static final double MIN_HISS_DB = -18;
    private static final double MAX_HISS_DB = -10;
    private static final double MIN_VELOCITY = 0.8;
    /** Largest melodic leap, in scale degrees. */
    private static final int MAX_LEAP = 3;
    /** The first note starts within this share of a step, so clips do not all begin on the same grid. */
    private static final double FIRST_NOTE_SHARE = 0.5;
    private static final long CLIP_STRIDE = 0x9E3779B97F4A7C15L;

    SyntheticScore {
        parts = List.copyOf(parts);
    }

    /** The score of clip number {@code clip} of {@code spec}; no other clip's draws affect it. */
    static SyntheticScore draw(SyntheticSpec spec, int clip) {
        SplittableRandom random = clipRandom(spec.seed(), clip);
        Split split = spec.split(clip);
        // Each clip promises one tag, cycling through the vocabulary within each split, so that every split of
        // at least 12 clips has a positive of every tag whatever the random draws.
        List<String> tags = SyntheticDataset.TAGS;
        String promised = tags.get((clip - spec.firstClip(split)) % tags.size());
        SyntheticTempo tempo = tempo(promised, random);
        double rate = tempo.minRate() + random.nextDouble() * (tempo.maxRate() - tempo.minRate());
        SyntheticScale scale = new SyntheticScale(random.nextInt(12), random.nextBoolean());
        double offset = random.nextDouble() * FIRST_NOTE_SHARE / rate;
        List<SyntheticPart> parts = new ArrayList<>();
        for (SyntheticVoice voice : foreground(promised, random)) {
            double gain = decibels(voice.balanceDb() + MIN_GAIN_DB * random.nextDouble());
            List<SyntheticNote> notes = notes(voice, scale, rate, offset, spec.clipSeconds(), random);
            parts.add(new SyntheticPart(voice, gain, notes, random.nextLong()));
        }
        if (promised.equals(SyntheticVoice.NOISY.tag()) || random.nextDouble() < NOISY_CHANCE) {
            double level = decibels(MIN_HISS_DB + random.nextDouble() * (MAX_HISS_DB - MIN_HISS_DB));
            parts.add(new SyntheticPart(SyntheticVoice.NOISY, level, List.of(), random.nextLong()));
        }
        return new SyntheticScore(clip, split, tempo, rate, parts);
    }

    /** The clip's tag vector in the order of {@link SyntheticDataset#TAGS}: its voices and its tempo. */
    boolean[] labels() {
        List<String> tags = SyntheticDataset.TAGS;
        boolean[] labels = new boolean[tags.size()];
        parts.forEach(p -> labels[tags.indexOf(p.voice().tag())] = true);
        labels[tags.indexOf(tempo.tag())] = true;
        return labels;
    }

    private static SplittableRandom clipRandom(long seed, int clip) {
        // Mixing (seed, clip) into a fresh seed gives every clip its own stream, whichever thread renders it when.
        return new SplittableRandom(new SplittableRandom(seed ^ (CLIP_STRIDE * clip)).nextLong());
    }

    private static SyntheticTempo tempo(String promised, SplittableRandom random) {
        SyntheticTempo drawn = random.nextBoolean() ? SyntheticTempo.FAST : SyntheticTempo.SLOW;
        return Arrays.stream(SyntheticTempo.values()).filter(t -> t.tag().equals(promised)).findFirst().orElse(drawn);
    }

    /** One to {@link #MAX_VOICES} distinct foreground voices, including the promised one if it is a voice. */
    private static List<SyntheticVoice> foreground(String promised, SplittableRandom random) {
        List<SyntheticVoice> voices = new ArrayList<>(Arrays.stream(SyntheticVoice.values())
                .filter(v -> !v.background()).toList());
        for (int i = voices.size() - 1; i > 0; i--) {
            voices.set(i, voices.set(random.nextInt(i + 1), voices.get(i)));
        }
        int count = 1 + random.nextInt(MAX_VOICES);
        List<SyntheticVoice> chosen = new ArrayList<>(voices.subList(0, count));
        voices.stream().filter(v -> v.tag().equals(promised) && !chosen.contains(v)).findFirst()
                .ifPresent(v -> chosen.set(count - 1, v));
        chosen.sort(Comparator.naturalOrder());
        return chosen;
    }

    /** One note per step from {@code offset} to the end of the clip; pitched voices walk the scale in leaps. */
    private static List<SyntheticNote> notes(SyntheticVoice voice, SyntheticScale scale, double rate, double offset,
                                             double seconds, SplittableRandom random) {
        double step = 1 / rate;
        double[] pitches = voice.pitched() ? scale.frequencies(voice.lowMidi(), voice.highMidi()) : new double[] {0};
        int degree = random.nextInt(pitches.length);
        List<SyntheticNote> notes = new ArrayList<>();
        for (int i = 0; offset + i * step < seconds; i++) {
            double start = offset + i * step;
            double velocity = MIN_VELOCITY + random.nextDouble() * (1 - MIN_VELOCITY);
            notes.add(new SyntheticNote(start, Math.min(GATE * step, seconds - start), pitches[degree], velocity));
            degree = voice.pitched() ? leap(degree, pitches.length, random) : 0;
        }
        return notes;
    }

    /** A different scale degree at most {@link #MAX_LEAP} away, turned back at the ends of the register. */
    private static int leap(int degree, int degrees, SplittableRandom random) {
        int leap = (1 + random.nextInt(MAX_LEAP)) * (random.nextBoolean() ? 1 : -1);
        return degree + leap >= 0 && degree + leap < degrees ? degree + leap : degree - leap;
    }

    private static double decibels(double db) {
        return StrictMath.pow(10, db / 20);
    }
}
