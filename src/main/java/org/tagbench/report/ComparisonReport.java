package org.tagbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.tagbench.config.ConfigException;
import org.tagbench.files.AtomicFolder;
import org.tagbench.metrics.Resamples;
import org.tagbench.progress.Progress;
import org.tagbench.results.FinishedRun;

/**
 * {@code tagbench compare}'s report, from the store alone: summary and per-tag tables, significance tests, figures and
 * one self-contained {@code index.html}, written into a folder whole or not at all.
 */
public final class ComparisonReport {
    /** What a report folder that a new report may replace is, in messages. */
    private static final String EARLIER_REPORT = "a report that tagbench compare wrote";
    /** The files every report has, besides one {@code per-tag-BUDGET} figure per budget. */
    public static final List<String> FILES = List.of("summary.md", "summary.csv", "per-tag.csv", "significance.md",
            "significance.csv", "auc-vs-params.png", "auc-vs-params.svg", "auc-vs-time.png", "auc-vs-time.svg",
            "curves.png", "curves.svg", "index.html");
    private final List<FinishedRun> runs;
    private final List<String> archs;
    private final List<Cell> cells;
    private final List<SummaryRow> summary;
    private final String experiment;

    private ComparisonReport(List<FinishedRun> runs, List<String> archs, String experiment) {
        this.runs = List.copyOf(runs);
        this.archs = List.copyOf(archs);
        this.cells = Cell.of(runs, archs);
        this.summary = cells.stream().map(SummaryRow::of).toList();
        this.experiment = experiment;
    }

    /**
     * The report of {@code runs}, which must share one dataset fingerprint; {@code reference} (null: the first
     * architecture by name) comes first in every table and orders the per-tag figures.
     */
    public static ComparisonReport of(List<FinishedRun> runs, String reference) {
        sameData(runs);
        List<String> archs = new ArrayList<>(runs.stream().map(FinishedRun::arch).distinct().sorted().toList());
        if (reference != null) {
            if (!archs.remove(reference)) {
                throw new ConfigException("--reference", reference + " is not an architecture of these runs (expected"
                        + " one of " + String.join(", ", archs) + ")");
            }
            archs.add(0, reference);
        }
        String experiment = String.join(", ", runs.stream().map(FinishedRun::experiment).distinct().toList());
        return new ComparisonReport(runs, archs, experiment);
    }

    /** The architectures, the reference first. */
    public List<String> archs() {
        return archs;
    }

    /** The rows of the summary, by budget then architecture. */
    public List<SummaryRow> summary() {
        return summary;
    }

    /** The cells (architecture x budget) compared. */
    public List<Cell> cells() {
        return cells;
    }

    /**
     * Computes the significance tests on resamples from {@code resamples} (given the test set's size) and writes the
     * report into {@code out}: a new or empty folder, or an earlier report, replaced whole.
     */
    public void write(Path out, IntFunction<Resamples> resamples, String resamplesNote) throws IOException {
        List<PairComparison> pairs;
        try (Progress progress = Progress.start("significance", runs.size(), "runs")) {
            pairs = new SignificanceTests(resamples).of(cells, progress);
        }
        TagCategories categories = TagCategories.of(runs.get(0).testTags().stream().map(t -> t.tag()).toList());
        ComparisonPlots plots = new ComparisonPlots(archs, summary);
        List<Figure> figures = new ArrayList<>(List.of(plots.aucVersusParams(), plots.aucVersusTime()));
        cells.stream().map(Cell::budget).distinct()
                .forEach(b -> figures.add(plots.perTag(b, cells, archs.get(0), categories)));
        figures.add(plots.curves(cells));
        ReportText text = new ReportText(experiment, runs.size(), archs.get(0), resamplesNote);
        AtomicFolder.write(out, ComparisonReport::isReport, EARLIER_REPORT, folder -> {
            write(folder, "summary.csv", SummaryTables.csv(summary).csv());
            write(folder, "summary.md", text.summary(SummaryTables.markdown(summary)));
            write(folder, "per-tag.csv", SummaryTables.perTag(cells, categories).csv());
            write(folder, "significance.csv", SignificanceTables.csv(pairs).csv());
            write(folder, "significance.md", text.significance(pairs));
            for (Figure figure : figures) {
                figure.write(folder);
            }
            write(folder, "index.html", new HtmlPage(text, summary, pairs, figures).render(folder));
        });
    }

    /**
     * Refuses {@code out} before any work unless a report can be written there: a new or empty folder, or an
     * earlier report.
     */
    public static void requireWritable(Path out) throws IOException {
        AtomicFolder.requireReplaceable(out, ComparisonReport::isReport, EARLIER_REPORT);
    }

    /** Whether {@code folder} is a report that a new one may replace: it has an index.html and a summary.csv. */
    static boolean isReport(Path folder) {
        return Files.isRegularFile(folder.resolve("index.html")) && Files.isRegularFile(folder.resolve("summary.csv"));
    }

    private static void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Refuses runs of different data: their tests would pair different tracks. */
    private static void sameData(List<FinishedRun> runs) {
        Map<String, List<Long>> byFingerprint = new LinkedHashMap<>();
        for (FinishedRun run : runs) {
            byFingerprint.computeIfAbsent(Objects.requireNonNullElse(run.datasetFingerprint(), "none recorded"),
                    k -> new ArrayList<>()).add(run.id());
        }
        if (byFingerprint.size() > 1) {
            List<String> groups = byFingerprint.entrySet().stream().map(e -> "runs " + e.getValue().stream()
                    .map(String::valueOf).reduce((x, y) -> x + " " + y).orElseThrow() + " (dataset fingerprint "
                    + shortened(e.getKey()) + ")").toList();
            throw new ConfigException("RUN_ID", "the runs used different data: " + String.join(", ", groups)
                    + "; a significance table pairs runs on the same test tracks, so compare only runs with one"
                    + " dataset fingerprint (name them by id)");
        }
    }

    private static String shortened(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }
}
