package org.tagbench.report;

import java.util.List;

/** The words of a report: the Markdown files and the explanations the HTML page repeats. */
record ReportText(String experiment, int runs, String reference, String resamples) {
    /** How the seeds of an architecture are paired with another's, as every significance table says. */
    static final String PAIRING = "Each architecture is the mean of its seeds. The bootstrap resamples test tracks"
            + " (the same resample for every run), and per resample averages each architecture's macro means over its"
            + " seeds; DeLong's test uses each run's structural components averaged over the seeds (DeLong's method"
            + " covers any linear combination of AUCs). So every seed counts, the two architectures need not have the"
            + " same seeds or as many, and the difference tested is the one the summary shows: mean over seeds of a"
            + " minus mean over seeds of b.";

    /** The first paragraph: what was compared. */
    String heading() {
        return "Experiment " + experiment + ": " + runs + " finished runs, compared on their test split.";
    }

    /** How the tests were made. */
    String method() {
        return "Paired bootstrap over test tracks: " + resamples + "; 95% interval = 2.5th and 97.5th percentiles of"
                + " the differences. Per tag, DeLong's test for correlated ROC curves (Sun and Xu's midrank algorithm),"
                + " with Holm's correction over the tested tags of each pair at each budget. A tag with one class in"
                + " the test split is listed, not tested; a tag with one positive or negative has no variance estimate"
                + " and is not tested either. " + PAIRING;
    }

    /** summary.md. */
    String summary(Table table) {
        return "# Comparison summary\n\n" + heading() + "\n\nTest ROC-AUC and PR-AUC are macro means over the tags"
                + " defined in the test split; each cell shows the mean over seeds ± the half-width of its 95% Student"
                + " t interval (none for a single seed), n the number of seeds. Exact trainable parameters as each run"
                + " built its network; training time is the sum of the epochs' wall times.\n\n" + table.markdown();
    }

    /** significance.md. */
    String significance(List<PairComparison> pairs) {
        StringBuilder out = new StringBuilder("# Significance\n\n").append(heading()).append("\n\n").append(method())
                .append("\n\n## Macro differences (a − b)\n\n").append(SignificanceTables.macros(pairs).markdown());
        for (PairComparison pair : pairs) {
            out.append("\n## ").append(pair.a().arch()).append(" vs ").append(pair.b().arch()).append(" at ")
                    .append(pair.a().budgetLabel()).append(" (seeds ").append(pair.a().seeds()).append(" vs ")
                    .append(pair.b().seeds()).append(")\n\n").append(SignificanceTables.tags(pair).markdown());
        }
        return out.toString();
    }
}
