package org.tagbench.config;

/**
 * What the input workers do to training clips ({@code training.augment}), each off by default: a gain drawn from
 * {@code gain_db} (dB), a pitch shift from {@code pitch_semitones} and a time stretch from {@code stretch_rate}
 * (above 1 faster), all on the waveform; SpecAugment's masks on the log-mel ({@code spec_augment}); and mixup of
 * two clips of a batch and their labels with a weight drawn from Beta({@code mixup_alpha}, {@code mixup_alpha})
 * (0: off). Validation, test and {@code eval} never augment.
 */
public record AugmentConfig(UniformRange gainDb, UniformRange pitchSemitones, UniformRange stretchRate,
                            double mixupAlpha, SpecAugmentConfig specAugment) {
    /** The widest gain drawn, in dB either way: 60 dB takes full scale to 1/1000 or 1000 times it. */
    static final double MAX_GAIN_DB = 60;
    /** The widest pitch shift, in semitones either way: an octave. */
    static final double MAX_SEMITONES = 12;
    /** The slowest and fastest stretch: half and twice the speed. */
    static final double MIN_RATE = 0.5;
    static final double MAX_RATE = 2;

    /** Checks each range and the mixup alpha. */
    public AugmentConfig {
        gainDb.within("gain_db", -MAX_GAIN_DB, MAX_GAIN_DB, " dB");
        pitchSemitones.within("pitch_semitones", -MAX_SEMITONES, MAX_SEMITONES, " semitones");
        stretchRate.within("stretch_rate", MIN_RATE, MAX_RATE, " (a rate: 1 keeps the speed)");
        if (!(mixupAlpha >= 0 && Double.isFinite(mixupAlpha))) {
            throw new ConfigException("mixup_alpha", "must be a finite number >= 0 (0: no mixup), got " + mixupAlpha);
        }
    }

    /** Whether any augmentation is on. */
    public boolean any() {
        return !gainDb.isOnly(0) || !pitchSemitones.isOnly(0) || !stretchRate.isOnly(1) || mixupAlpha > 0
                || specAugment.masks();
    }

    /**
     * Jackson's filter that leaves an all-off {@code augment} out of the canonical config, so that a config without
     * it (every config from before it existed) keeps its hash and experiment key.
     */
    static final class Off {
        /** True for an augment section that changes nothing: Jackson then leaves it out. */
        @Override
        public boolean equals(Object value) {
            return value instanceof AugmentConfig augment && !augment.any();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
