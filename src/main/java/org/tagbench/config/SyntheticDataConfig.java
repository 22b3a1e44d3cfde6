package org.tagbench.config;

import java.nio.file.Path;

/**
 * The generated tagging dataset ({@code dataset: synthetic}): {@code clips} clips of {@code clip_seconds}
 * seconds made from {@code seed}, {@code difficulty} standard or hard. Defaults: 300 standard clips of 5 s, seed 42.
 */
public record SyntheticDataConfig(String dataset, Path root, double chunkSeconds, int clips, double clipSeconds,
                                  long seed, SyntheticDifficulty difficulty) implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "synthetic";
    /** The generator draws voices and hi-hats up to 3.5 kHz and more, so the band must reach past them. */
    public static final int MIN_SAMPLE_RATE = 8000;
    // Fewer clips leave the valid and test splits (a fifth each) with one clip or none, too few to score a tag.
    private static final int MIN_CLIPS = 10;
    // A set is rendered into memory clip by clip and written to disk: a million clips or clips over ten minutes are
    // a typo (an hour of audio per clip at 12 kHz is already 86 MB of WAV), not a test set.
    private static final int MAX_CLIPS = 1_000_000;
    /** A clip must hold at least one note at the slowest tempo. */
    public static final double MIN_CLIP_SECONDS = 1.0;
    private static final double MAX_CLIP_SECONDS = 600.0;

    /** Checks the clip count and length, and that a clip holds at least one chunk. */
    public SyntheticDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.atLeast("clips", clips, MIN_CLIPS);
        Require.atMost("clips", clips, MAX_CLIPS);
        Require.atLeast("clip_seconds", clipSeconds, MIN_CLIP_SECONDS);
        Require.atMost("clip_seconds", clipSeconds, MAX_CLIP_SECONDS);
        if (clipSeconds < chunkSeconds) {
            throw new ConfigException("clip_seconds", clipSeconds + " s is shorter than chunk_seconds = "
                    + chunkSeconds + " s");
        }
    }
}
