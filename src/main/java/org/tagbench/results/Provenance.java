package org.tagbench.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.train.Resumption;

/**
 * Where and with what a run was made, so that it can be repeated: software versions, backend, machine,
 * the dataset's folder, its fingerprint (size and modification time of its files; null in records made before
 * fingerprints) and per-split track counts, the wall-clock span (from the original start, however often the
 * run was resumed), and each resumption with the learning rate it set.
 */
public record Provenance(String tagbenchVersion, String javaVersion, String os, String backend, int cores,
                         String datasetRoot, DatasetFingerprint datasetFingerprint,
                         Map<String, Integer> tracksPerSplit,
                         Map<String, List<String>> skippedPerSplit,
                         Instant started, Instant finished, List<Resumption> resumptions) {
    public Provenance {
        resumptions = List.copyOf(resumptions);
        tracksPerSplit = Map.copyOf(tracksPerSplit);
        skippedPerSplit = Map.copyOf(skippedPerSplit);
    }
}
