package org.tagbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tagbench.metrics.MeanInterval;
import org.tagbench.metrics.TagScore;

/** The summary tables: one row per architecture and budget, and per tag. */
public final class SummaryTables {
    private SummaryTables() {
    }

    /** summary.csv: every number in full precision, the interval's ends empty for a single seed. */
    public static Table csv(List<SummaryRow> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (SummaryRow r : rows) {
            cells.add(List.of(r.cell().arch(), r.cell().budget(), r.params(), r.rocAuc().n(), r.cell().seeds(),
                    r.rocAuc().mean(), r.rocAuc().low(), r.rocAuc().high(), r.prAuc().mean(), r.prAuc().low(),
                    r.prAuc().high(), r.trainingSeconds().mean(), r.epochs(), r.secondsPerEpoch()));
        }
        return new Table(List.of("arch", "budget", "params", "n", "seeds", "roc_auc_mean", "roc_auc_low",
                "roc_auc_high", "pr_auc_mean", "pr_auc_low", "pr_auc_high", "training_seconds_mean", "epochs_mean",
                "seconds_per_epoch_mean"), cells);
    }

    /** summary.md's table: mean ± half-width of the 95% interval, n seeds. */
    public static Table markdown(List<SummaryRow> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (SummaryRow r : rows) {
            cells.add(List.of(r.cell().arch(), r.cell().budgetLabel(), r.params(), r.rocAuc().n(),
                    withInterval(r.rocAuc()), withInterval(r.prAuc()),
                    String.format(Locale.ROOT, "%.1f", r.trainingSeconds().mean()),
                    String.format(Locale.ROOT, "%.1f", r.epochs()),
                    String.format(Locale.ROOT, "%.2f", r.secondsPerEpoch())));
        }
        return new Table(List.of("architecture", "budget", "exact params", "n", "test ROC-AUC (95% CI)",
                "test PR-AUC (95% CI)", "training time (s)", "epochs", "time per epoch (s)"), cells);
    }

    /** per-tag.csv: each tag's test ROC-AUC and PR-AUC per architecture and budget, mean and interval over seeds. */
    public static Table perTag(List<Cell> cells, TagCategories categories) {
        List<List<Object>> rows = new ArrayList<>();
        for (Cell cell : cells) {
            List<TagScore> tags = cell.runs().get(0).testTags();
            for (int j = 0; j < tags.size(); j++) {
                int tag = j;
                MeanInterval roc = SummaryRow.over(cell.runs().stream().mapToDouble(r -> r.testTags().get(tag).rocAuc())
                        .toArray());
                MeanInterval pr = SummaryRow.over(cell.runs().stream().mapToDouble(r -> r.testTags().get(tag).prAuc())
                        .toArray());
                rows.add(List.of(cell.arch(), cell.budget(), tags.get(j).tag(), categories.of(tags.get(j).tag()),
                        (long) j + 1, (long) tags.get(j).positives(), (long) roc.n(), roc.mean(), roc.low(),
                        roc.high(), pr.mean(), pr.low(), pr.high()));
            }
        }
        return new Table(List.of("arch", "budget", "tag", "category", "column", "positives", "n", "roc_auc_mean",
                "roc_auc_low", "roc_auc_high", "pr_auc_mean", "pr_auc_low", "pr_auc_high"), rows);
    }

    /** {@code 0.9012 ± 0.0031}, or the mean alone for one seed. */
    private static String withInterval(MeanInterval m) {
        return m.hasInterval() ? String.format(Locale.ROOT, "%.4f ± %.4f", m.mean(), m.halfWidth())
                : String.format(Locale.ROOT, "%.4f", m.mean());
    }
}
