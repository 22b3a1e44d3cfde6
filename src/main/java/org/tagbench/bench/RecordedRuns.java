package org.tagbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.experiment.Versions;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TrackScores;
import org.tagbench.results.Artifact;
import org.tagbench.results.Host;
import org.tagbench.results.ModelRecord;
import org.tagbench.results.Provenance;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunLog;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunStart;
import org.tagbench.results.ScoreFiles;
import org.tagbench.train.EpochRecord;
import org.tagbench.train.TrainingOutcome;

/**
 * Finished runs recorded into a store as a run records itself (its row, epochs, test metrics and kept score files),
 * from given test scores instead of training: for the comparison's benchmark and tests. Each run gets a folder under
 * {@code work} and a config of the generated dataset with its architecture, budget and seed.
 */
public final class RecordedRuns {
    private final ResultsStore store;
    private final Path work;
    private int made;

    /** Runs recorded into {@code store}, their folders under {@code work}. */
    public RecordedRuns(ResultsStore store, Path work) {
        this.store = store;
        this.work = work;
    }

    /** What one recorded run trained and how it scored the test split. */
    public record Run(String experiment, String arch, long budget, long params, long seed, String fingerprint,
                      List<String> tags, TrackScores test, List<EpochRecord> epochs) {
    }

    /** Records {@code run} finished; returns its id in the store. */
    public long add(Run run) throws IOException {
        Path folder = Files.createDirectories(work.resolve("run-" + made++));
        Path configFile = folder.resolve("config.yaml");
        Files.writeString(configFile, "name: " + run.experiment() + "\nseed: " + run.seed() + "\ndata: {dataset:"
                + " synthetic, root: " + work.resolve("data") + "}\nmodel: {arch: " + run.arch() + ", params: "
                + run.budget() + "}\nresults: {dir: " + work + "}\n");
        ExperimentConfig config = ConfigLoader.load(configFile, List.of());
        RunStart start = new RunStart(RunLog.newUid(), folder.getFileName().toString(), folder, config,
                Versions.tagbench(), Versions.gitCommit(), Versions.dependencies(), System.getProperty("java.version"),
                System.getProperty("os.name"), Host.name(), Instant.now());
        TagVocabulary vocabulary = new TagVocabulary(run.tags());
        TagMetrics metrics = TagMetrics.of(vocabulary, run.test().scores(), run.test().labels());
        try (RunLog log = RunLog.open(store, start)) {
            List<Artifact> files = ScoreFiles.write(folder, vocabulary, Map.of(Split.TEST, run.test()));
            Provenance provenance = new Provenance(start.tagbenchVersion(), start.gitCommit(), start.javaVersion(),
                    start.os(), start.host(), "recorded", 1, start.dependencies(), work.resolve("data").toString(),
                    new DatasetFingerprint(DatasetFingerprint.SIZE_MTIME, run.fingerprint(), Map.of()),
                    Map.of(Split.TEST.label(), run.test().trackIds().size()), Map.of(Split.TEST.label(), List.of()),
                    start.started(), Instant.now(), List.of());
            int best = run.epochs().stream().max((a, b) -> Double.compare(a.validRocAuc(), b.validRocAuc()))
                    .map(EpochRecord::epoch).orElse(1);
            log.finished(new RunRecord(start.runName(), config.name(), ConfigLoader.hash(config), run.seed(),
                    ConfigLoader.canonicalTree(config), provenance, new ModelRecord(run.arch(), List.of(),
                    config.features().nMels(), 0, run.tags().size(), run.params(), run.budget()),
                    new TrainingOutcome(run.epochs(), best), metrics, files, null, null), files);
            return log.id();
        }
    }
}
