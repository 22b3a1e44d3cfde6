package org.tagbench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.tagbench.config.ConfigException;
import org.tagbench.metrics.BootstrapMacros;
import org.tagbench.metrics.DeLongComparison;
import org.tagbench.metrics.DeLongComponents;
import org.tagbench.metrics.HolmCorrection;
import org.tagbench.metrics.PairedBootstrap;
import org.tagbench.metrics.Resamples;
import org.tagbench.progress.Progress;

/**
 * The significance tests of a comparison: for each pair of architectures at each budget, on the same test tracks,
 * the paired bootstrap of the macro means and DeLong's test of each tag with Holm's correction.
 *
 * <p>Several seeds of an architecture are its mean: its seeds' macro means averaged resample by resample, and their
 * DeLong components averaged track by track (DeLong's method covers any linear combination of AUCs). So every seed
 * counts, the seeds of the two architectures need not match in number or value, and the difference tested is the
 * one the summary shows: mean over seeds of a minus mean over seeds of b.
 *
 * <p>Everything that depends on one run (its ranking, per-tag components, resampled macros) is computed once per run,
 * on one set of resamples drawn for the test set, and a budget's runs are released before the next budget's are
 * read.
 */
public final class SignificanceTests {
    private final IntFunction<Resamples> resamplesForTracks;
    private Resamples resamples;
    private RunScores first;

    /** Tests that draw their resamples with {@code resamplesForTracks} (given the test set's size) once. */
    public SignificanceTests(IntFunction<Resamples> resamplesForTracks) {
        this.resamplesForTracks = resamplesForTracks;
    }

    /**
     * Every pair of cells at each budget, a before b in the cells' order. The next run's score files are read on a
     * thread of their own while the current run's statistics use the cores.
     */
    public List<PairComparison> of(List<Cell> cells, Progress progress) throws IOException {
        Map<Long, List<Cell>> byBudget = new LinkedHashMap<>();
        cells.forEach(c -> byBudget.computeIfAbsent(c.budget(), k -> new ArrayList<>()).add(c));
        List<PairComparison> pairs = new ArrayList<>();
        try (ScoreReader reader = new ScoreReader(cells.stream().flatMap(c -> c.runs().stream()).toList())) {
            for (List<Cell> budget : byBudget.values()) {
                List<CellStatistics> statistics = new ArrayList<>();
                for (Cell cell : budget) {
                    statistics.add(statistics(cell, reader, progress));
                }
                for (int i = 0; i < statistics.size(); i++) {
                    for (int k = i + 1; k < statistics.size(); k++) {
                        pairs.add(pair(statistics.get(i), statistics.get(k)));
                    }
                }
            }
        }
        return pairs;
    }

    /** A cell's seed-mean statistics: resampled macros and per-tag components. */
    private record CellStatistics(Cell cell, List<String> tags, BootstrapMacros macros,
                                  List<DeLongComponents> components) {
    }

    private CellStatistics statistics(Cell cell, ScoreReader reader, Progress progress) throws IOException {
        List<BootstrapMacros> macros = new ArrayList<>();
        List<List<DeLongComponents>> perRun = new ArrayList<>();
        List<String> tags = null;
        for (var run : cell.runs()) {
            RunScores scores = sameTestSet(reader.next());
            tags = scores.tags();
            if (resamples == null) {
                resamples = resamplesForTracks.apply(scores.trackIds().size());
            }
            macros.add(BootstrapMacros.of(scores.ranked(), resamples));
            perRun.add(IntStream.range(0, tags.size()).parallel()
                    .mapToObj(j -> DeLongComponents.of(scores.ranked(), j)).toList());
            progress.step();
        }
        List<DeLongComponents> components = IntStream.range(0, tags.size())
                .mapToObj(j -> DeLongComponents.mean(perRun.stream().map(c -> c.get(j)).toList())).toList();
        return new CellStatistics(cell, tags, BootstrapMacros.mean(macros), components);
    }

    /** {@code scores}, once known to be of the same tracks, labels and tags as the first run read. */
    private RunScores sameTestSet(RunScores scores) {
        if (first == null) {
            first = scores;
        } else if (!scores.trackIds().equals(first.trackIds()) || !scores.tags().equals(first.tags())
                || !scores.ranked().sameLabels(first.ranked())) {
            throw new ConfigException("RUN_ID", "runs " + first.run().id() + " and " + scores.run().id()
                    + " were tested on different tracks, tags or labels: significance tests pair runs on one test set"
                    + " (compare runs of one dataset)");
        }
        return scores;
    }

    private static PairComparison pair(CellStatistics a, CellStatistics b) {
        int tags = a.tags().size();
        DeLongComparison[] tests = new DeLongComparison[tags];
        double[] p = new double[tags];
        for (int j = 0; j < tags; j++) {
            tests[j] = DeLongComparison.of(a.components().get(j), b.components().get(j));
            p[j] = tests[j].p();
        }
        double[] holm = HolmCorrection.adjust(p);
        List<TagComparison> perTag = IntStream.range(0, tags)
                .mapToObj(j -> new TagComparison(a.tags().get(j), tests[j], holm[j])).toList();
        return new PairComparison(a.cell(), b.cell(), PairedBootstrap.of(a.macros(), b.macros()), perTag);
    }
}
