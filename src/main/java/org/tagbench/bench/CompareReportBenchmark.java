package org.tagbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tagbench.metrics.Resamples;
import org.tagbench.metrics.TrackScores;
import org.tagbench.report.ComparisonReport;
import org.tagbench.results.FinishedRun;
import org.tagbench.results.FinishedRuns;
import org.tagbench.results.ResultsStore;
import org.tagbench.train.EpochRecord;

/**
 * Seconds of {@code tagbench compare} end to end at the scale of a sweep: a new SQLite store in a temp folder holding
 * {@code runs} finished runs (4 architectures x 5 budgets x seeds, as many as asked) of {@code tracks} x {@code tags}
 * test scores each, then the whole report from it, timed: reading the store, the score files, the statistics, the
 * tables, figures and page. The runs' scores are the metrics benchmark's plus noise of their own, on one test set.
 */
public record CompareReportBenchmark(int runs, int tracks, int tags, int resamples, int repeats) {
    private static final List<String> ARCHS = List.of("k1c2", "k2c1", "k2c2", "crnn");
    private static final List<Long> BUDGETS = List.of(100_000L, 250_000L, 500_000L, 1_000_000L, 3_000_000L);

    /** Requires runs, tracks, tags, resamples and repeats. */
    public CompareReportBenchmark {
        if (runs < 1 || tracks < 1 || tags < 1 || resamples < 1 || repeats < 1) {
            throw new IllegalArgumentException("runs " + runs + ", tracks " + tracks + ", tags " + tags
                    + ", resamples " + resamples + ", repeats " + repeats + ": expected 1 or more each");
        }
    }

    /** Builds the store (untimed), then a line per timed comparison. */
    public void run(PrintWriter out) throws IOException {
        Path work = Files.createTempDirectory("tagbench-bench-compare-");
        try {
            String url = "jdbc:sqlite:" + work.resolve("tagbench.db");
            long building = System.nanoTime();
            record(ResultsStore.open(url), work.resolve("runs"));
            out.printf(Locale.ROOT, "recorded %d runs of %,d tracks x %d tags in %.1f s (untimed)%n", runs, tracks,
                    tags, (System.nanoTime() - building) / 1e9);
            out.flush();
            for (int r = 1; r <= repeats; r++) {
                long cpu = processCpuNanos();
                long start = System.nanoTime();
                List<FinishedRun> stored = new FinishedRuns(ResultsStore.existing(url)).ofExperiment("bench");
                long read = System.nanoTime();
                ComparisonReport.of(stored, null).write(work.resolve("report"),
                        n -> Resamples.draw(n, resamples, 16), resamples + " resamples, seed 16");
                long end = System.nanoTime();
                // CPU seconds (all threads) tell what the comparison needs where other work shares the cores.
                out.printf(Locale.ROOT, "compare of %d runs, %,d tracks x %d tags, %,d resamples, run %d: %.1f s"
                                + " (the store's rows %.2f s, score files, statistics and report %.1f s), %.1f CPU s"
                                + " on %d cores%n", runs, tracks, tags, resamples, r, (end - start) / 1e9,
                        (read - start) / 1e9, (end - read) / 1e9, (processCpuNanos() - cpu) / 1e9,
                        Runtime.getRuntime().availableProcessors());
                out.flush();
            }
        } finally {
            ScratchFolders.delete(work);
        }
    }

    /** CPU time of this process, all threads, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void record(ResultsStore store, Path folders) throws IOException {
        TrackScores base = GeneratedScores.of(tracks, tags);
        double[][] baseScores = base.scores();
        boolean[][] labels = base.labels();
        List<String> tagNames = IntStream.range(0, tags).mapToObj(j -> "tag" + j).toList();
        RecordedRuns recorded = new RecordedRuns(store, folders);
        int made = 0;
        for (int seed = 1; made < runs; seed++) {
            for (long budget : BUDGETS) {
                for (String arch : ARCHS) {
                    if (made++ == runs) {
                        return;
                    }
                    SplittableRandom noise = new SplittableRandom(made);
                    double[][] scores = new double[tracks][tags];
                    for (int i = 0; i < tracks; i++) {
                        for (int j = 0; j < tags; j++) {
                            scores[i][j] = baseScores[i][j] + 0.3 * noise.nextDouble();
                        }
                    }
                    List<EpochRecord> epochs = new ArrayList<>();
                    for (int e = 1; e <= 10; e++) {
                        epochs.add(new EpochRecord(e, 0.3 / e, 0.32 / e, 0.8 + 0.01 * e, 0.3, 1e-3, 60, 500));
                    }
                    recorded.add(new RecordedRuns.Run("bench", arch, budget, budget, seed, "bench-data", tagNames,
                            new TrackScores(base.trackIds(), scores, labels), epochs));
                }
            }
        }
    }
}
