package org.tagbench.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.LabelRanking;
import org.tagbench.metrics.TagMetrics;

/**
 * A finished probe as the store records it, in a row of {@code runs} of kind {@code probe}: which probe (a uid, the
 * config's name, its folder, its canonical config, experiment key and hash), what it probed ({@code arch} is the
 * label compare groups by, {@code params} the probed network's), on which data, its test metrics (with a run's task
 * metrics: LRAP and lwlrap for tags, accuracy, balanced accuracy, macro F1 and confusion matrix for classes) and files.
 *
 * @param uid a new uid
 * @param experiment the probe config's name
 * @param runName the probe folder's name
 * @param folder the probe folder
 * @param config the probe's canonical config JSON
 * @param experimentKey the probe's experiment key
 * @param configHash the probe's config hash
 * @param arch what compare calls it, e.g. {@code probe:k2c2} or {@code probe:k2c2-random}
 * @param params the probed network's trainable parameters
 * @param engine the engine that computed the embeddings
 * @param seed the probe's seed
 * @param dataset the reader's name
 * @param datasetRoot the dataset's folder
 * @param fingerprint the dataset's fingerprint
 * @param tracks the tracks used per split
 * @param test the test metrics
 * @param testRanking a multilabel probe's test LRAP and lwlrap; null for a multiclass one
 * @param testClasses a multiclass probe's test class metrics; null for a multilabel one
 * @param artifacts the files kept in the folder (the score files)
 * @param started when the probe started
 * @param finished when it finished
 */
public record ProbeRecord(String uid, String experiment, String runName, Path folder, String config,
                          String experimentKey, String configHash, String arch, long params, String engine, long seed,
                          String dataset, String datasetRoot, DatasetFingerprint fingerprint,
                          Map<String, Integer> tracks, TagMetrics test, LabelRanking testRanking,
                          ClassMetrics testClasses, List<Artifact> artifacts, Instant started, Instant finished) {
    /** The {@code kind} of a probe's row (a training run's is {@code run}). */
    public static final String KIND = "probe";

    public ProbeRecord {
        tracks = Map.copyOf(tracks);
        artifacts = List.copyOf(artifacts);
    }
}
