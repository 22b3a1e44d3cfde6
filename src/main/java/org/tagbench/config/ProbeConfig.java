package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A probe ({@code tagbench probe CONFIG}), resolved: one or more model bundles whose layers' embeddings are
 * concatenated, the labelled dataset they embed (any reader), the probe fitted on them, where decoded audio and
 * embeddings are cached ({@code pipeline}), where the result is recorded ({@code results}) and the dataset's task:
 * tags (one-vs-rest sigmoids) or one class per track (a softmax), left out of the canonical config while it is the
 * default, as a run's is. Built by {@link ConfigLoader#loadProbe}.
 */
public record ProbeConfig(String name, long seed, List<ProbeBundle> bundles, DataConfig data, ProbeSettings probe,
                          PipelineConfig pipeline, ResultsConfig results,
                          @JsonInclude(value = JsonInclude.Include.CUSTOM,
                                  valueFilter = TaskName.DefaultFilter.class) TaskName task) {
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
