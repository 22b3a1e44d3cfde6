package org.tagbench.config;

import java.nio.file.Path;

/**
 * How audio reaches the network: {@code workers} threads decode, crop and compute features (0, the default,
 * means one per core), at most {@code prefetch} batches wait ready (default 8), and decoded audio is kept in a
 * 16-bit PCM cache under {@code cache_dir} (default: tagbench's cache folder) unless {@code pcm_cache} is
 * false. None of these change a run's numbers, so they are left out of the config hash.
 */
public record PipelineConfig(int workers, int prefetch, boolean pcmCache, Path cacheDir) {

    /** Checks the thread and queue sizes. */
    public PipelineConfig {
        Require.atLeast("workers", workers, 0);
        Require.positive("prefetch", prefetch);
    }

    /** The number of worker threads: {@code workers}, or the number of cores when it is 0. */
    public int threads() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
