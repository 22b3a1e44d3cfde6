package org.tagbench.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.train.Resumption;

/**
 * Where and with what a run was made, so that it can be repeated: software versions (tagbench's, the commit it was
 * built from, the libraries'), backend, machine, the dataset's folder, its fingerprint (size and modification time
 * of its files) and per-split track counts, the wall-clock span (from the original start, however often the run
 * was resumed), and each resumption with the learning rate it set. Records written before the commit, host,
 * library versions and fingerprints were kept read them as null and empty.
 */
public record Provenance(String tagbenchVersion, String gitCommit, String javaVersion, String os, String host,
                         String backend, int cores, Map<String, String> dependencies,
                         String datasetRoot, DatasetFingerprint datasetFingerprint,
                         Map<String, Integer> tracksPerSplit,
                         Map<String, List<String>> skippedPerSplit,
                         Instant started, Instant finished, List<Resumption> resumptions) {
    public Provenance {
        dependencies = dependencies == null ? Map.of() : Map.copyOf(dependencies);
        resumptions = List.copyOf(resumptions);
        tracksPerSplit = Map.copyOf(tracksPerSplit);
        skippedPerSplit = Map.copyOf(skippedPerSplit);
    }
}
