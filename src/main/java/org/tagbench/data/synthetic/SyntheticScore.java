package org.tagbench.data.synthetic;

import org.tagbench.config.SyntheticDifficulty;
import org.tagbench.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything one synthetic clip will contain, drawn before any sample is rendered, so its labels can be known
 * (and checked) without audio: its split, tempo and note rate, key, level (the gain of the whole mix after its
 * peak is normalised), the vocabulary it is labelled in, and the parts of its voices.
 */
record SyntheticScore(int clip, Split split, SyntheticTempo tempo, double rate, SyntheticScale scale, double level,
                      List<String> vocabulary, List<SyntheticPart> parts) {
    /** Most foreground voices (instruments and percussion) in one standard clip; there is at least one. */
    static final int MAX_VOICES = 4;
    /** Share of each step a note sounds; the rest is silence, so every note is a distinct onset. */
    static final double GATE = 0.85;
    /** Tags of the clip's mode, in hard sets only. */
    static final String MAJOR = "major";
    static final String MINOR = "minor";
    private static final double MIN_VELOCITY = 0.8;
    /** Largest melodic leap, in scale degrees. */
    private static final int MAX_LEAP = 3;
    /** The first note starts within this share of a step, so clips do not all begin on the same grid. */
    private static final double FIRST_NOTE_SHARE = 0.5;
    private static final long CLIP_STRIDE = 0x9E3779B97F4A7C15L;

    /**
     * How a difficulty draws a clip: the range of foreground voices, how far below its balance a voice may be, the
     * hiss's chance and level range, how far the tempo ranges are widened towards each other, and how far below
     * full level the whole clip may be.
     */
    private record Draws(int minVoices, int maxVoices, double minGainDb, double noisyChance, double minHissDb,
                         double maxHissDb, double slowMaxRate, double fastMinRate, double minLevelDb) {
        static Draws of(SyntheticDifficulty difficulty) {
            return switch (difficulty) {
                case STANDARD -> new Draws(1, MAX_VOICES, -6, 0.3, -18, -10, SyntheticTempo.SLOW.maxRate(),
                        SyntheticTempo.FAST.minRate(), 0);
                // Tempo ranges meet at a ratio of 1.14 instead of 2.7, six voices mask each other, and quiet clips
                // sit 24 dB down, where the hiss and the quieter voices fall towards the dB floor.
                case HARD -> new Draws(2, 6, -12, 0.5, -16, -4, 2.2, 2.5, -24);
            };
        }
    }

    SyntheticScore {
        vocabulary = List.copyOf(vocabulary);
        parts = List.copyOf(parts);
    }

    /** The score of clip number {@code clip} of {@code spec}; no other clip's draws affect it. */
    static SyntheticScore draw(SyntheticSpec spec, int clip) {
        SplittableRandom random = clipRandom(spec.seed(), clip);
        Split split = spec.split(clip);
        Draws draws = Draws.of(spec.difficulty());
        // Each clip promises one tag, cycling through the vocabulary within each split, so that every split of
        // at least as many clips as tags has a positive of every tag whatever the random draws.
        List<String> tags = SyntheticDataset.tags(spec.difficulty());
        String promised = tags.get((clip - spec.firstClip(split)) % tags.size());
        SyntheticTempo tempo = tempo(promised, random);
        double minRate = tempo == SyntheticTempo.FAST ? draws.fastMinRate() : tempo.minRate();
        double maxRate = tempo == SyntheticTempo.SLOW ? draws.slowMaxRate() : tempo.maxRate();
        double rate = minRate + random.nextDouble() * (maxRate - minRate);
        int root = random.nextInt(12);
        boolean minor = promised.equals(MINOR) || !promised.equals(MAJOR) && random.nextBoolean();
        SyntheticScale scale = new SyntheticScale(root, minor);
        double offset = random.nextDouble() * FIRST_NOTE_SHARE / rate;
        List<SyntheticPart> parts = new ArrayList<>();
        for (SyntheticVoice voice : foreground(promised, draws, random)) {
            double gain = decibels(voice.balanceDb() + draws.minGainDb() * random.nextDouble());
            List<SyntheticNote> notes = notes(voice, scale, rate, offset, spec.clipSeconds(), random);
            parts.add(new SyntheticPart(voice, gain, notes, random.nextLong()));
        }
        if (promised.equals(SyntheticVoice.NOISY.tag()) || random.nextDouble() < draws.noisyChance()) {
            double hiss = decibels(draws.minHissDb() + random.nextDouble() * (draws.maxHissDb() - draws.minHissDb()));
            parts.add(new SyntheticPart(SyntheticVoice.NOISY, hiss, List.of(), random.nextLong()));
        }
        // Standard clips draw nothing more, so their scores (and files) stay what they were.
        double level = draws.minLevelDb() == 0 ? 1 : decibels(draws.minLevelDb() * random.nextDouble());
        return new SyntheticScore(clip, split, tempo, rate, scale, level, tags, parts);
    }

    /** The clip's tag vector in the order of its vocabulary: its voices, its tempo and, in hard sets, its mode. */
    boolean[] labels() {
        boolean[] labels = new boolean[vocabulary.size()];
        parts.forEach(p -> labels[vocabulary.indexOf(p.voice().tag())] = true);
        labels[vocabulary.indexOf(tempo.tag())] = true;
        if (vocabulary.contains(MAJOR)) {
            labels[vocabulary.indexOf(scale.minor() ? MINOR : MAJOR)] = true;
        }
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

    /** The draws' range of distinct foreground voices, including the promised one if it is a voice. */
    private static List<SyntheticVoice> foreground(String promised, Draws draws, SplittableRandom random) {
        List<SyntheticVoice> voices = new ArrayList<>(Arrays.stream(SyntheticVoice.values())
                .filter(v -> !v.background()).toList());
        for (int i = voices.size() - 1; i > 0; i--) {
            voices.set(i, voices.set(random.nextInt(i + 1), voices.get(i)));
        }
        int count = draws.minVoices() + random.nextInt(draws.maxVoices() - draws.minVoices() + 1);
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
