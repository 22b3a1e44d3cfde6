package org.tagbench.config;

import java.util.List;

/**
 * A probe ({@code tagbench probe CONFIG}), resolved: one or more model bundles whose layers' embeddings are
 * concatenated, the labelled dataset they embed (any reader), the probe fitted on them, where decoded audio and
 * embeddings are cached ({@code pipeline}) and where the result is recorded ({@code results}). Built by
 * {@link ConfigLoader#loadProbe}.
 */
public record ProbeConfig(String name, long seed, List<ProbeBundle> bundles, DataConfig data, ProbeSettings probe,
                          PipelineConfig pipeline, ResultsConfig results) {
    /** Requires a usable name and at least one bundle. */
    public ProbeConfig {
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new ConfigException("name", Require.quoted(name)
                    + " is not a run name (expected a non-empty name without / or \\)");
        }
        if (bundles == null || bundles.isEmpty()) {
            throw new ConfigException("bundles", "missing or empty (expected a list of {path: BUNDLE, layers:"
                    + " [...]})");
        }
        bundles = List.copyOf(bundles);
    }
}
