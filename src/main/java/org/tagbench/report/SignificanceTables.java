package org.tagbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.tagbench.metrics.DeLongComparison;
import org.tagbench.metrics.PairedBootstrap;
import org.tagbench.results.FinishedRun;

/** The significance tables: per pair of architectures at a budget, the bootstrap of the macros and DeLong per tag. */
public final class SignificanceTables {
    private static final String MACRO = "(macro)";

    private SignificanceTables() {
    }

    /**
     * significance.csv, one row per test: {@code bootstrap-roc-auc} and {@code bootstrap-pr-auc} (a and b the
     * seed-mean macros, the difference and its 95% interval) and {@code delong} per tag (AUCs, z, p and Holm's p).
     */
    public static Table csv(List<PairComparison> pairs) {
        List<List<Object>> rows = new ArrayList<>();
        for (PairComparison pair : pairs) {
            PairedBootstrap b = pair.bootstrap();
            rows.add(row(pair, "bootstrap-roc-auc", mean(pair.a(), FinishedRun::testRocAuc),
                    mean(pair.b(), FinishedRun::testRocAuc), b.rocAuc(), b.resamplesUsed()));
            rows.add(row(pair, "bootstrap-pr-auc", mean(pair.a(), FinishedRun::testPrAuc),
                    mean(pair.b(), FinishedRun::testPrAuc), b.prAuc(), b.resamplesUsed()));
            for (TagComparison tag : pair.tags()) {
                DeLongComparison t = tag.test();
                rows.add(List.of(pair.a().budget(), pair.a().arch(), pair.b().arch(), (long) pair.a().runs().size(),
                        (long) pair.b().runs().size(), "delong", tag.tag(), (long) t.positives(),
                        (long) t.negatives(), t.rocAucA(), t.rocAucB(), t.difference(), Double.NaN, Double.NaN,
                        t.z(), t.p(), tag.holmP(), tag.note()));
            }
        }
        return new Table(List.of("budget", "arch_a", "arch_b", "n_a", "n_b", "test", "tag", "positives", "negatives",
                "a", "b", "difference", "low", "high", "z", "p", "p_holm", "note"), rows);
    }

    /** significance.md's table of one pair's macro differences. */
    public static Table macros(List<PairComparison> pairs) {
        List<List<Object>> rows = new ArrayList<>();
        for (PairComparison pair : pairs) {
            PairedBootstrap b = pair.bootstrap();
            rows.add(List.of(pair.a().budgetLabel(), pair.a().arch() + " − " + pair.b().arch(),
                    pair.a().runs().size() + " vs " + pair.b().runs().size(), difference(b.rocAuc()),
                    difference(b.prAuc()), separated(b.rocAuc()) + " / " + separated(b.prAuc())));
        }
        return new Table(List.of("budget", "a − b", "seeds", "Δ ROC-AUC [95% CI]", "Δ PR-AUC [95% CI]",
                "CI excludes 0 (ROC / PR)"), rows);
    }

    /** significance.md's table of one pair's per-tag DeLong tests. */
    public static Table tags(PairComparison pair) {
        List<List<Object>> rows = new ArrayList<>();
        for (TagComparison tag : pair.tags()) {
            DeLongComparison t = tag.test();
            rows.add(List.of(tag.tag(), (long) t.positives(), t.rocAucA(), t.rocAucB(), t.difference(), t.z(),
                    pValue(t.p()), pValue(tag.holmP()), tag.note().isEmpty() ? (tag.holmP() < 0.05 ? "yes" : "no")
                            : tag.note()));
        }
        return new Table(List.of("tag", "positives", "ROC-AUC " + pair.a().arch(), "ROC-AUC " + pair.b().arch(),
                "difference", "z", "p", "p (Holm)", "significant at 0.05 (Holm)"), rows);
    }

    private static List<Object> row(PairComparison pair, String test, double a, double b,
                                    PairedBootstrap.Difference d, int used) {
        return List.of(pair.a().budget(), pair.a().arch(), pair.b().arch(), (long) pair.a().runs().size(),
                (long) pair.b().runs().size(), test, MACRO, "", "", a, b, d.observed(),
                d.low(), d.high(), Double.NaN, Double.NaN, Double.NaN, used + " resamples used");
    }

    private static double mean(Cell cell, ToDoubleFunction<FinishedRun> metric) {
        return cell.runs().stream().mapToDouble(metric).average().orElseThrow();
    }

    private static String difference(PairedBootstrap.Difference d) {
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", d.observed(), d.low(), d.high());
    }

    private static String separated(PairedBootstrap.Difference d) {
        return d.low() > 0 || d.high() < 0 ? "yes" : "no";
    }

    private static String pValue(double p) {
        return Double.isNaN(p) ? "–" : p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.4f", p);
    }
}
