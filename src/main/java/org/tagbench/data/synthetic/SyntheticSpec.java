package org.tagbench.data.synthetic;

import org.tagbench.config.SyntheticDataConfig;
import org.tagbench.config.SyntheticDifficulty;
import org.tagbench.data.Split;

/**
 * What the synthetic dataset generator makes: {@code clips} mono clips of {@code clipSeconds} at
 * {@code sampleRate} Hz, every random choice drawn from {@code seed}, as hard to tag as {@code difficulty} says.
 * The first 60 % of the clips are the training split, the next 20 % validation, the rest test (300 clips:
 * 180/60/60).
 */
public record SyntheticSpec(int clips, double clipSeconds, int sampleRate, long seed,
                            SyntheticDifficulty difficulty) {
    /** Fewer clips would leave a split empty. */
    private static final int MIN_CLIPS = 5;

    /** Checks the clip count, length and rate. */
    public SyntheticSpec {
        if (clips < MIN_CLIPS) {
            throw new IllegalArgumentException("synthetic dataset needs at least " + MIN_CLIPS + " clips, got "
                    + clips);
        }
        if (!(clipSeconds >= SyntheticDataConfig.MIN_CLIP_SECONDS) || Double.isInfinite(clipSeconds)) {
            throw new IllegalArgumentException("synthetic clips must last at least "
                    + SyntheticDataConfig.MIN_CLIP_SECONDS + " s, got " + clipSeconds);
        }
        if (sampleRate < SyntheticDataConfig.MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("synthetic dataset needs a sample rate of at least "
                    + SyntheticDataConfig.MIN_SAMPLE_RATE + " Hz, got " + sampleRate);
        }
    }

    /** A standard-difficulty spec, the quickstart's kind. */
    public SyntheticSpec(int clips, double clipSeconds, int sampleRate, long seed) {
        this(clips, clipSeconds, sampleRate, seed, SyntheticDifficulty.STANDARD);
    }

    /** Number of samples in every clip. */
    public int clipSamples() {
        return (int) Math.round(clipSeconds * sampleRate);
    }

    /** The split of clip number {@code clip} (0-based). */
    public Split split(int clip) {
        if (clip < firstClip(Split.VALID)) {
            return Split.TRAIN;
        }
        return clip < firstClip(Split.TEST) ? Split.VALID : Split.TEST;
    }

    /** Number of the first clip of {@code split}; clips of a split are consecutive. */
    public int firstClip(Split split) {
        return switch (split) {
            case TRAIN -> 0;
            case VALID -> clips * 3 / 5;
            case TEST -> clips * 3 / 5 + clips / 5;
        };
    }
}
