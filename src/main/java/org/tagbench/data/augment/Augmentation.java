package org.tagbench.data.augment;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tagbench.audio.perturb.Gain;
import org.tagbench.audio.perturb.PitchShift;
import org.tagbench.audio.perturb.TimeStretch;
import org.tagbench.config.AugmentConfig;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.UniformRange;
import org.tagbench.data.Batch;

/**
 * The training augmentations of {@code training.augment}, applied by the input workers: per clip a time stretch, a
 * pitch shift and a gain on the waveform (in that order; {@code audio.perturb}'s phase vocoder and resampler, and its
 * gain, which clips at full scale) and SpecAugment's masks on its log-mel, per batch mixup. Every draw comes from a
 * seed the pipeline derives from the run's seed, the epoch and the clip's or batch's place in it, never from thread
 * timing, so a batch is the same whatever the threads and prefetch, and a resumed run draws what the uninterrupted
 * one drew. Evaluation never calls it. (Null masks or mixup: that augmentation is off.)
 */
public final class Augmentation {
    /** No augmentation: every clip and batch as it is. */
    public static final Augmentation NONE = new Augmentation(new UniformRange(0, 0), new UniformRange(0, 0),
            new UniformRange(1, 1), 0, null, null);

    private final UniformRange gainDb;
    private final UniformRange pitchSemitones;
    private final UniformRange stretchRate;
    private final int sampleRate;
    private final SpecAugment specAugment;
    private final Mixup mixup;

    private Augmentation(UniformRange gainDb, UniformRange pitchSemitones, UniformRange stretchRate, int sampleRate,
                         SpecAugment specAugment, Mixup mixup) {
        this.gainDb = gainDb;
        this.pitchSemitones = pitchSemitones;
        this.stretchRate = stretchRate;
        this.sampleRate = sampleRate;
        this.specAugment = specAugment;
        this.mixup = mixup;
    }

    /** What {@code config} asks for, on clips at {@code features}' sample rate (masks need its mel bins). */
    public static Augmentation of(AugmentConfig config, FeatureConfig features) {
        return new Augmentation(config.gainDb(), config.pitchSemitones(), config.stretchRate(), features.sampleRate(),
                config.specAugment().masks() ? new SpecAugment(config.specAugment(), features.nMels()) : null,
                config.mixupAlpha() > 0 ? new Mixup(config.mixupAlpha()) : null);
    }

    /** The draws for the clip whose seed is {@code seed}. */
    public Clip clip(long seed) {
        return new Clip(new SplittableRandom(seed));
    }

    /** {@code batch} with mixup applied (itself when mixup is off), drawn from {@code seed}. */
    public Batch mix(Batch batch, long seed) {
        return mixup == null || batch.rows() == 0 ? batch : mixup.mix(batch, new SplittableRandom(seed));
    }

    /**
     * One clip's augmentation. Every value is drawn when the clip is, in a fixed order whichever augmentations are
     * on, so that turning one on or off leaves the others' draws alone.
     */
    public final class Clip {
        private final double gain;
        private final double semitones;
        private final double rate;
        private final long maskSeed;

        private Clip(SplittableRandom random) {
            gain = uniform(gainDb, random);
            semitones = uniform(pitchSemitones, random);
            rate = uniform(stretchRate, random);
            maskSeed = random.nextLong();
        }

        /**
         * How many samples to cut for a chunk of {@code chunkSamples}: rate times as many, so that the stretched
         * excerpt fills the chunk (a faster clip takes more of the track, a slower one less).
         */
        public int samples(int chunkSamples) {
            return stretchRate.isOnly(1) ? chunkSamples : (int) Math.ceil(chunkSamples * rate);
        }

        /**
         * The excerpt of {@link #samples} samples stretched to {@code chunkSamples}, pitch-shifted and gained as drawn
         * (the excerpt itself when none is on).
         */
        public float[] waveform(float[] excerpt, int chunkSamples) {
            float[] out = excerpt;
            if (!stretchRate.isOnly(1)) {
                // The stretch gives round(length / rate) >= chunkSamples samples.
                out = Arrays.copyOf(new TimeStretch(rate).apply(out, sampleRate), chunkSamples);
            }
            if (!pitchSemitones.isOnly(0)) {
                out = new PitchShift(semitones).apply(out, sampleRate);
            }
            if (!gainDb.isOnly(0)) {
                out = new Gain(gain).apply(out, sampleRate);
            }
            return out;
        }

        /** The clip's features with SpecAugment's masks (the features themselves when it is off). */
        public float[] features(float[] logMel) {
            if (specAugment == null) {
                return logMel;
            }
            SplittableRandom random = new SplittableRandom(maskSeed);
            return specAugment.masked(logMel, specAugment.draw(logMel.length / specAugment.melBins(), random));
        }
    }

    /** A uniform draw from {@code range}; it always takes one value from {@code random}, so later draws stay put. */
    private static double uniform(UniformRange range, SplittableRandom random) {
        double u = random.nextDouble();
        return range.min() + (range.max() - range.min()) * u;
    }
}
