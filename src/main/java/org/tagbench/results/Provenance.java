package org.tagbench.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where and with what a run was made, so that it can be repeated: software versions, backend, machine,
 * the dataset's folder and per-split track counts, and the wall-clock span.
 */
public record Provenance(String tagbenchVersion, String javaVersion, String os, String backend, int cores,
                         String datasetRoot, Map<String, Integer> tracksPerSplit,
                         Map<String, List<String>> skippedPerSplit,
                         Instant started, Instant finished) {
    public Provenance {
        tracksPerSplit = Map.copyOf(tracksPerSplit);
        skippedPerSplit = Map.copyOf(skippedPerSplit);
    }
}
