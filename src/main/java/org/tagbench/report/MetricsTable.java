package org.tagbench.report;

import java.util.Comparator;
import java.util.Locale;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TagScore;

/** The plain-text per-tag table and the one-line summary that end every evaluation. */
public final class MetricsTable {
    private MetricsTable() {
    }

    /** Per-tag ROC-AUC and PR-AUC, best first, undefined tags last and marked; then the micro values. */
    public static String perTag(TagMetrics metrics) {
        int width = Math.max(3, metrics.perTag().stream().mapToInt(t -> t.tag().length()).max().orElse(3));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %7s  %6s%n", "tag", "positives", "ROC-AUC", "PR-AUC"));
        metrics.perTag().stream()
                .sorted(Comparator.comparing((TagScore t) -> !t.defined())
                        .thenComparing(Comparator.comparingDouble(TagScore::rocAuc).reversed()))
                .forEach(t -> out.append(t.defined()
                        ? String.format(Locale.ROOT, "%-" + width + "s  %9d  %7.4f  %6.4f%n",
                                t.tag(), t.positives(), t.rocAuc(), t.prAuc())
                        : String.format(Locale.ROOT, "%-" + width + "s  %9d  %7s  %6s  (one class only: left out of the macro mean)%n",
                                t.tag(), t.positives(), "-", "-")));
        out.append(String.format(Locale.ROOT, "micro: ROC-AUC %.4f  PR-AUC %.4f%n",
                metrics.rocAucMicro(), metrics.prAucMicro()));
        return out.toString();
    }

    /** The final line of a run, e.g. {@code test ROC-AUC (macro): 0.9312  PR-AUC (macro): 0.7021  tags: 12  tracks: 60}. */
    public static String summary(String split, TagMetrics metrics) {
        return String.format(Locale.ROOT, "%s ROC-AUC (macro): %.4f  PR-AUC (macro): %.4f  tags: %d  tracks: %d",
                split, metrics.rocAucMacro(), metrics.prAucMacro(), metrics.definedTags(), metrics.tracks());
    }
}
