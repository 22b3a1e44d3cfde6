package org.tagbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
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
 * What keeping a run's per-track test scores costs at the end of the run, at the scale of a large test split: writing
 * the score files (float64 scores, labels, track ids, tag names) with their SHA-256, and the one transaction that
 * marks the run finished with its per-tag metrics and registers the files. Each timed run has its own folder and row
 * in a new SQLite store in a temp folder, deleted at the end; the rows are filled from {@code config}.
 */
public record StoreBenchmark(ExperimentConfig config, int tracks, int tags, int repeats) {

    /** Requires tracks, tags and repeats. */
    public StoreBenchmark {
        if (tracks < 1 || tags < 1 || repeats < 1) {
            throw new IllegalArgumentException("tracks " + tracks + ", tags " + tags + ", repeats " + repeats
                    + ": expected 1 or more each");
        }
    }

    /** One untimed run, then a line per timed one: seconds to write the files, to register them, and both. */
    public void run(PrintWriter out) throws IOException {
        TagVocabulary vocabulary = new TagVocabulary(IntStream.range(0, tags).mapToObj(j -> "tag" + j).toList());
        TrackScores scores = GeneratedScores.of(tracks, tags);
        // Computed once, untimed: a run has its metrics before it keeps its scores.
        TagMetrics metrics = TagMetrics.of(vocabulary, scores.scores(), scores.labels());
        Path work = Files.createTempDirectory("tagbench-bench-store-");
        try {
            ResultsStore store = ResultsStore.open("jdbc:sqlite:" + work.resolve("tagbench.db"));
            for (int r = 0; r <= repeats; r++) {
                Path folder = Files.createDirectory(work.resolve("run-" + r));
                RunStart start = new RunStart(RunLog.newUid(), folder.getFileName().toString(), folder, config,
                        Versions.tagbench(), Versions.gitCommit(), Versions.dependencies(),
                        System.getProperty("java.version"), System.getProperty("os.name"), Host.name(),
                        Instant.now());
                try (RunLog log = RunLog.open(store, start)) {
                    long begin = System.nanoTime();
                    List<Artifact> files = ScoreFiles.write(folder, vocabulary, Map.of(Split.TEST, scores));
                    long written = System.nanoTime();
                    log.finished(record(start, metrics, files), files);
                    long registered = System.nanoTime();
                    if (r > 0) {
                        long bytes = files.stream().mapToLong(Artifact::bytes).sum();
                        out.printf(Locale.ROOT, "score files of %,d tracks x %d tags (%,d bytes in %d files), run %d:"
                                        + " written with SHA-256 %.3f s, registered in the store %.3f s, total %.3f s%n",
                                tracks, tags, bytes, files.size(), r, (written - begin) / 1e9,
                                (registered - written) / 1e9, (registered - begin) / 1e9);
                        out.flush();
                    }
                }
            }
        } finally {
            ScratchFolders.delete(work);
        }
    }

    /**
     * The record of a one-epoch run of the config that ends with {@code metrics} and {@code files}; its network, never
     * built, is shown at its budget.
     */
    private RunRecord record(RunStart start, TagMetrics metrics, List<Artifact> files) {
        Provenance provenance = new Provenance(start.tagbenchVersion(), start.gitCommit(), start.javaVersion(),
                start.os(), start.host(), "bench", Runtime.getRuntime().availableProcessors(), start.dependencies(),
                null, null, Map.of(Split.TEST.label(), tracks), Map.of(Split.TEST.label(), List.of()),
                start.started(), Instant.now(), List.of());
        return new RunRecord(start.runName(), config.name(), ConfigLoader.hash(config), config.seed(),
                ConfigLoader.canonicalTree(config), provenance,
                new ModelRecord(config.model().arch().configName(), List.of(), config.features().nMels(), 0, tags,
                        config.model().params(), config.model().params()),
                new TrainingOutcome(List.of(new EpochRecord(1, 0.5, 0.5, metrics.rocAucMacro(), metrics.prAucMacro(),
                        config.training().optimizer().lr(), 1, 1)), 1), metrics, files, null, null);
    }
}
