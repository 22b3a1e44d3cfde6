package org.tagbench.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * A pitched instrument made of sine partials: which partials at which weights, how a note starts, decays or
 * swells, how much it wavers, and the noise under it. Instances are immutable; each setting method returns a
 * changed copy, so that every instrument reads as one chain of settings.
 */
final class SyntheticTone implements SyntheticSound {
    private static final double VIBRATO_HZ = 5.5;
    /** Partials above this fraction of the sample rate are left out so that none folds back below Nyquist. */
    private static final double HIGHEST_PARTIAL = 0.45;
    /** How much faster than the lowest partial the swell rises on each higher one, so loud means bright. */
    private static final double SWELL_BRIGHTENING = 0.15;
    private static final double NOISE_HZ = 2500;
    private static final double NOISE_Q = 0.7;
    private static final double DEFAULT_ATTACK_SECONDS = 0.005;
    /** The attack never takes more than this share of a note, so even fast notes reach their level. */
    private static final double MAX_ATTACK_SHARE = 0.5;

    private final double[] ratios;
    private final double[] weights;
    private final double inharmonicity;
    private final double attack;
    private final double decay;
    private final double upperDecay;
    private final double swellDb;
    private final double vibrato;
    private final double noise;
    private final double noiseDecay;

    private SyntheticTone(double[] ratios, double[] weights, double inharmonicity, double attack, double decay,
                          double upperDecay, double swellDb, double vibrato, double noise, double noiseDecay) {
        this.ratios = ratios;
        this.weights = weights;
        this.inharmonicity = inharmonicity;
        this.attack = attack;
        this.decay = decay;
        this.upperDecay = upperDecay;
        this.swellDb = swellDb;
        this.vibrato = vibrato;
        this.noise = noise;
        this.noiseDecay = noiseDecay;
    }

    /** A steady tone of partials at {@code ratios} times the note frequency, scaled to unit total energy. */
    static SyntheticTone partials(double[] ratios, double[] weights) {
        if (ratios.length != weights.length) {
            throw new IllegalArgumentException(ratios.length + " partial ratios but " + weights.length + " weights");
        }
        double energy = 0;
        for (double w : weights) {
            energy += w * w;
        }
        double norm = Math.sqrt(energy);
        return new SyntheticTone(ratios.clone(), IntStream.range(0, weights.length)
                .mapToDouble(k -> weights[k] / norm).toArray(), 0, DEFAULT_ATTACK_SECONDS,
                Double.POSITIVE_INFINITY, 0, 0, 0, 0, Double.POSITIVE_INFINITY);
    }

    /** A steady tone of the harmonics 1..count, harmonic {@code k} at weight {@code weight(k)}. */
    static SyntheticTone harmonics(int count, IntToDoubleFunction weight) {
        return partials(IntStream.rangeClosed(1, count).asDoubleStream().toArray(),
                IntStream.rangeClosed(1, count).mapToDouble(weight).toArray());
    }

    /** This tone rising to full level in a raised-cosine attack of {@code seconds}. */
    SyntheticTone attack(double seconds) {
        return new SyntheticTone(ratios, weights, inharmonicity, seconds, decay, upperDecay, swellDb, vibrato,
                noise, noiseDecay);
    }

    /** This tone dying away with time constant {@code seconds}, partial k (from 0) {@code 1 + upper k} times faster. */
    SyntheticTone decay(double seconds, double upper) {
        return new SyntheticTone(ratios, weights, inharmonicity, attack, seconds, upper, swellDb, vibrato, noise,
                noiseDecay);
    }

    /** This tone with stiff-string partials: ratio r sounds at r * sqrt(1 + b r^2). */
    SyntheticTone inharmonicity(double b) {
        return new SyntheticTone(ratios, weights, b, attack, decay, upperDecay, swellDb, vibrato, noise,
                noiseDecay);
    }

    /** This tone growing by {@code db} over each note, upper partials more, so it brightens as it swells. */
    SyntheticTone swell(double db) {
        return new SyntheticTone(ratios, weights, inharmonicity, attack, decay, upperDecay, db, vibrato, noise,
                noiseDecay);
    }

    /** This tone with a 5.5 Hz vibrato of relative frequency depth {@code depth}. */
    SyntheticTone vibrato(double depth) {
        return new SyntheticTone(ratios, weights, inharmonicity, attack, decay, upperDecay, swellDb, depth, noise,
                noiseDecay);
    }

    /**
     * This tone with noise band-passed around 2.5 kHz at {@code level} under every note, dying away with time
     * constant {@code decay} seconds: a hammer knock when short, breath when infinite.
     */
    SyntheticTone noise(double level, double decay) {
        return new SyntheticTone(ratios, weights, inharmonicity, attack, this.decay, upperDecay, swellDb, vibrato,
                level, decay);
    }

    @Override
    public void render(List<SyntheticNote> notes, SplittableRandom random, double[] out, int sampleRate) {
        for (SyntheticNote note : notes) {
            note.addTo(out, note(note, random, note.samples(sampleRate, out.length), sampleRate), sampleRate);
        }
    }

    private double[] note(SyntheticNote note, SplittableRandom random, int length, int sampleRate) {
        double[] sound = new double[length];
        double[] bend = bend(random, length, sampleRate);
        for (int k = 0; k < ratios.length; k++) {
            double hz = note.frequency() * ratios[k] * Math.sqrt(1 + inharmonicity * ratios[k] * ratios[k]);
            // Drawn before the Nyquist check, so a partial left out does not shift the phases of the others.
            double phase = 2 * Math.PI * random.nextDouble();
            if (hz * (1 + vibrato) >= HIGHEST_PARTIAL * sampleRate) {
                continue;
            }
            double swell = StrictMath.log(10) / 20 * swellDb * (1 + SWELL_BRIGHTENING * k);
            // A swell starts below the partial's weight and ends on it, so swelling voices are no louder than others.
            double level = weights[k] * StrictMath.exp(-swell);
            double growth = StrictMath.exp((swell / note.duration() - (1 + upperDecay * k) / decay) / sampleRate);
            double increment = 2 * Math.PI * hz / sampleRate;
            for (int i = 0; i < length; i++) {
                sound[i] += level * StrictMath.sin(phase);
                phase += increment * bend[i];
                level *= growth;
            }
        }
        if (noise > 0) {
            double[] air = SyntheticFilter.bandPass(NOISE_HZ, NOISE_Q, sampleRate)
                    .apply(SyntheticNoise.white(random, length));
            double fade = StrictMath.exp(-1.0 / (noiseDecay * sampleRate));
            double level = noise;
            for (int i = 0; i < length; i++) {
                sound[i] += level * air[i];
                level *= fade;
            }
        }
        applyAttack(sound, Math.min(attack, MAX_ATTACK_SHARE * note.duration()), sampleRate);
        return sound;
    }

    /** Instantaneous frequency factor of each sample: 1 plus the vibrato, from a random vibrato phase. */
    private double[] bend(SplittableRandom random, int length, int sampleRate) {
        double start = 2 * Math.PI * random.nextDouble();
        double[] bend = new double[length];
        for (int i = 0; i < length; i++) {
            bend[i] = 1 + vibrato * StrictMath.sin(start + 2 * Math.PI * VIBRATO_HZ * i / sampleRate);
        }
        return bend;
    }

    private static void applyAttack(double[] sound, double seconds, int sampleRate) {
        int samples = Math.min(sound.length, (int) Math.round(seconds * sampleRate));
        for (int i = 0; i < samples; i++) {
            sound[i] *= 0.5 - 0.5 * StrictMath.cos(Math.PI * i / samples);
        }
    }
}
