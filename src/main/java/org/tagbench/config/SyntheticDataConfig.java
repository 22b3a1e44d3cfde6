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
    // Fewer clips leave the valid and test splits (a fifth each) with one clip or none, too few to score a tag.
    private static final int MIN_CLIPS = 10;

    /** Checks the clip count and that a clip holds at least one chunk. */
    public SyntheticDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.atLeast("clips", clips, MIN_CLIPS);
        if (clipSeconds < chunkSeconds) {
            throw new ConfigException("clip_seconds", clipSeconds + " s is shorter than chunk_seconds = "
                    + chunkSeconds + " s");
        }
    }
}
