package org.tagbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.LabelRanking;
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

    /** A multilabel split's label-ranking line, e.g. {@code test LRAP: 0.8123  lwlrap: 0.7981}. */
    public static String ranking(String split, LabelRanking ranking) {
        return String.format(Locale.ROOT, "%s LRAP: %.4f  lwlrap: %.4f", split, ranking.lrap(), ranking.lwlrap());
    }

    /**
     * A multiclass split's lines: one naming the classes it lacks (left out of the macro means), if any, then e.g.
     * {@code test accuracy: 0.9000  balanced accuracy: 0.8875  macro F1: 0.8890  classes: 4  tracks: 60}.
     */
    public static List<String> classes(String split, ClassMetrics metrics) {
        List<String> lines = new ArrayList<>();
        if (!metrics.absentClasses().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "%s split has no track of %s: left out of the macro means", split,
                    String.join(", ", metrics.absentClasses())));
        }
        lines.add(String.format(Locale.ROOT, "%s accuracy: %.4f  balanced accuracy: %.4f  macro F1: %.4f  classes: %d"
                + "  tracks: %d", split, metrics.accuracy(), metrics.balancedAccuracy(), metrics.macroF1(),
                metrics.classes().size() - metrics.absentClasses().size(), metrics.tracks()));
        return lines;
    }
}
