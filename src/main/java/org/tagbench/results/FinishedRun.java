package org.tagbench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tagbench.metrics.TagScore;
import org.tagbench.train.EpochRecord;

/**
 * A finished run as a comparison reads it from the store: what it trained (architecture, budget, exact parameters,
 * seed), on which data (the dataset fingerprint, null in records made before runs kept one), how long, its epochs,
 * test metrics per tag and the files it keeps in its folder.
 */
public record FinishedRun(long id, String experiment, String arch, long budget, long params, long seed,
                          String datasetFingerprint, Path folder, double trainingSeconds, int bestEpoch,
                          double testRocAuc, double testPrAuc, List<EpochRecord> epochs, List<TagScore> testTags,
                          List<Artifact> artifacts) {
    public FinishedRun {
        epochs = List.copyOf(epochs);
        testTags = List.copyOf(testTags);
        artifacts = List.copyOf(artifacts);
    }

    /** The kept file named {@code path} (relative to the run folder), if the store registered it. */
    public Optional<Artifact> artifact(String path) {
        return artifacts.stream().filter(a -> a.path().equals(path)).findFirst();
    }
}
