package org.tagbench.data.synthetic;

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
    /** The hi-hat and the hiss are defined above 3 kHz, so the band must reach past it. */
    private static final int MIN_SAMPLE_RATE = 8000;
    /** A clip must hold at least one note at the slowest tempo. */
    private static final double MIN_CLIP_SECONDS = 1.0;

    /** Checks the clip count, length and rate. */
    public SyntheticSpec {
        if (clips < MIN_CLIPS) {
            throw new IllegalArgumentException("synthetic dataset needs at least " + MIN_CLIPS + " clips, got "
                    + clips);
        }
        if (!(clipSeconds >= MIN_CLIP_SECONDS) || Double.isInfinite(clipSeconds)) {
            throw new IllegalArgumentException("synthetic clips must last at least " + MIN_CLIP_SECONDS
                    + " s, got " + clipSeconds);
        }
        if (sampleRate < MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("synthetic dataset needs a sample rate of at least "
                    + MIN_SAMPLE_RATE + " Hz, got " + sampleRate);
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
