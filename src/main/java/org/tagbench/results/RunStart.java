package org.tagbench.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;

/**
 * What the store knows of a run from its first second: which run (its uid, name and folder), the experiment (config,
 * key, hash), what it builds and with what software, where, and when it started.
 */
public record RunStart(String uid, String runName, Path folder, ExperimentConfig config, String tagbenchVersion,
                       String gitCommit, Map<String, String> dependencies, String javaVersion, String os, String host,
                       Instant started) {
    public RunStart {
        dependencies = Map.copyOf(dependencies);
    }

    /** This start under another uid (that of a row a run folder names). */
    RunStart withUid(String other) {
        return new RunStart(other, runName, folder, config, tagbenchVersion, gitCommit, dependencies, javaVersion, os,
                host, started);
    }

    /** The resolved config, canonical JSON. */
    String configJson() {
        return ConfigLoader.canonicalJson(config);
    }
}
