package org.tagbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigException;
import org.tagbench.metrics.Resamples;
import org.tagbench.report.ComparisonReport;
import org.tagbench.results.FinishedRun;
import org.tagbench.results.FinishedRuns;
import org.tagbench.results.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench compare}: the comparison report of an experiment's finished runs, or of runs named by id. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare finished runs from the results store alone: summary.md/.csv (test ROC-AUC and PR-AUC"
                + " per architecture and budget, mean and 95%% interval over seeds), per-tag.csv, significance.md/.csv"
                + " (paired bootstrap of the macro differences, DeLong per tag with Holm's correction), figures"
                + " (PNG and SVG) and index.html, written into --out whole or not at all.",
                "Runs compared must share one dataset fingerprint."})
final class CompareCommand implements Callable<Integer> {
    /** The fewest resamples a bootstrap interval is trusted with. */
    static final int LEAST_RESAMPLES = 1000;

    @Mixin
    private RunsCommand.Store store;

    @Option(names = "--experiment", paramLabel = "X", description = "Compare the finished runs of experiment X (its"
            + " name or key).")
    private String experiment;

    @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Compare these runs (ids from `tagbench runs`).")
    private List<Long> ids = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The report's folder: new, empty, or"
            + " an earlier report (replaced).")
    private Path out;

    @Option(names = "--reference", paramLabel = "ARCH", description = "The architecture listed first, and by whose"
            + " scores the per-tag figures sort tags (default: the first by name).")
    private String reference;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000", description = "Bootstrap resamples of the"
            + " test tracks, " + LEAST_RESAMPLES + " or more (default: ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "16", description = "Seed of the bootstrap's"
            + " resamples (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (resamples < LEAST_RESAMPLES) {
            throw new ConfigException("--resamples", resamples + " is too few (expected " + LEAST_RESAMPLES
                    + " or more)");
        }
        if ((experiment == null) == ids.isEmpty()) {
            throw new ConfigException("--experiment", "expected either --experiment X or run ids (got "
                    + (ids.isEmpty() ? "neither" : "both") + ")");
        }
        // The figures are drawn off screen: no display is needed, and a DISPLAY without a server is not tried.
        System.setProperty("java.awt.headless", "true");
        long start = System.nanoTime();
        ComparisonReport.requireWritable(out);
        FinishedRuns stored = new FinishedRuns(ResultsStore.existing(store.url()));
        List<FinishedRun> runs = experiment != null ? stored.ofExperiment(experiment) : stored.byIds(ids);
        ComparisonReport report = ComparisonReport.of(runs, reference);
        report.write(out, tracks -> Resamples.draw(tracks, resamples, seed),
                String.format(Locale.ROOT, "%,d resamples, seed %d", resamples, seed));
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "compared %d runs (%d %s, %d %s) in %.1f s: %s%n", runs.size(),
                report.archs().size(), report.archs().size() == 1 ? "architecture" : "architectures",
                report.cells().size(), report.cells().size() == 1 ? "cell" : "cells",
                (System.nanoTime() - start) / 1e9, out.resolve("index.html"));
        printed.flush();
        return 0;
    }
}
