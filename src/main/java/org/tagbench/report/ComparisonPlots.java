package org.tagbench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tagbench.metrics.MeanInterval;
import org.tagbench.metrics.TagScore;
import org.tagbench.results.FinishedRun;
import org.tagbench.train.EpochRecord;

/**
 * The figures of a comparison (after Choi et al. 2017, Fig. 2 and 3): test AUCs against exact parameters and
 * against training time, per-tag ROC-AUC at each budget grouped by tag category, and the learning curves. Each
 * architecture keeps its colour in every figure; a line is the mean over seeds, its band the 95% interval.
 */
public final class ComparisonPlots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 400;
    private final List<String> archs;
    private final List<SummaryRow> rows;

    /** Plots of {@code rows}, architectures coloured in the order of {@code archs}. */
    public ComparisonPlots(List<String> archs, List<SummaryRow> rows) {
        this.archs = List.copyOf(archs);
        this.rows = List.copyOf(rows);
    }

    /** Test ROC-AUC and PR-AUC against exact trainable parameters, log x. */
    public Figure aucVersusParams() {
        return new Figure("auc-vs-params", List.of(
                xy("Test ROC-AUC by model size", "exact trainable parameters (count, log scale)",
                        "test ROC-AUC (macro)", SummaryRow::meanParams, SummaryRow::rocAuc),
                xy("Test PR-AUC by model size", "exact trainable parameters (count, log scale)",
                        "test PR-AUC (macro)", SummaryRow::meanParams, SummaryRow::prAuc)));
    }

    /** Test ROC-AUC against training time, in total and per epoch, log x. */
    public Figure aucVersusTime() {
        return new Figure("auc-vs-time", List.of(
                xy("Test ROC-AUC by training time", "training time (s, log scale)", "test ROC-AUC (macro)",
                        r -> r.trainingSeconds().mean(), SummaryRow::rocAuc),
                xy("Test ROC-AUC by time per epoch", "training time per epoch (s, log scale)",
                        "test ROC-AUC (macro)", SummaryRow::secondsPerEpoch, SummaryRow::rocAuc)));
    }

    /**
     * Per-tag test ROC-AUC at one budget (mean over seeds), a panel per tag category, tags sorted within it by the
     * reference architecture's score; a tag's label carries its column in the vocabulary (its popularity rank in the
     * MSD and MTAT top-50 lists). Undefined tags are left out (per-tag.csv lists them).
     */
    public Figure perTag(long budget, List<Cell> cells, String reference, TagCategories categories) {
        List<Cell> atBudget = cells.stream().filter(c -> c.budget() == budget).toList();
        Cell ref = atBudget.stream().filter(c -> c.arch().equals(reference)).findFirst().orElse(atBudget.get(0));
        List<TagScore> tags = ref.runs().get(0).testTags();
        Map<String, List<Integer>> byCategory = new LinkedHashMap<>();
        TagCategories.ORDER.forEach(c -> byCategory.put(c, new ArrayList<>()));
        for (int j = 0; j < tags.size(); j++) {
            if (tags.get(j).defined()) {
                byCategory.get(categories.of(tags.get(j).tag())).add(j);
            }
        }
        // One y range for every panel, so that categories compare at a glance.
        double lowest = atBudget.stream().flatMapToDouble(c -> IntStream.range(0, tags.size())
                .filter(j -> tags.get(j).defined()).mapToDouble(j -> tagMean(c, j))).min().orElse(0.5);
        double yMin = Math.floor(lowest * 20) / 20;
        List<Chart<?, ?>> panels = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> category : byCategory.entrySet()) {
            List<Integer> columns = new ArrayList<>(category.getValue());
            if (columns.isEmpty()) {
                continue;
            }
            columns.sort(Comparator.comparingDouble((Integer j) -> -tagMean(ref, j)));
            CategoryChart chart = new CategoryChartBuilder().width(Math.max(200, 90 + 24 * columns.size()))
                    .height(PANEL_HEIGHT + 60).title(category.getKey()).xAxisTitle("tag (column)")
                    .yAxisTitle(panels.isEmpty() ? "test ROC-AUC (mean over seeds)" : "").build();
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            chart.getStyler().setXAxisLabelRotation(90);
            chart.getStyler().setXAxisMaxLabelCount(Math.max(2, columns.size())); // XChart takes no fewer than 2
            chart.getStyler().setLegendVisible(panels.isEmpty());
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
            chart.getStyler().setYAxisDecimalPattern("0.00");
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(1.0);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            List<String> labels = columns.stream().map(j -> tags.get(j).tag() + " (" + (j + 1) + ")").toList();
            for (Cell cell : atBudget) {
                CategorySeries series = chart.addSeries(cell.arch(), labels,
                        columns.stream().map(j -> (Number) tagMean(cell, j)).toList());
                series.setMarkerColor(colour(cell.arch()));
                series.setMarker(SeriesMarkers.CIRCLE);
            }
            panels.add(chart);
        }
        return new Figure("per-tag-" + Budgets.label(budget), panels);
    }

    /** Training loss, validation loss and validation ROC-AUC per epoch, a line per run. */
    public Figure curves(List<Cell> cells) {
        return new Figure("curves", List.of(
                curve(cells, "Training loss", "training loss (binary cross-entropy)", EpochRecord::trainLoss),
                curve(cells, "Validation loss", "validation loss (binary cross-entropy)", EpochRecord::validLoss),
                curve(cells, "Validation ROC-AUC", "validation ROC-AUC (macro)", EpochRecord::validRocAuc)));
    }

    private XYChart xy(String title, String xTitle, String yTitle, ToDoubleFunction<SummaryRow> x,
                       Function<SummaryRow, MeanInterval> y) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        // Bands first, lines over them, so that no band hides another architecture's line.
        List<Line> lines = new ArrayList<>();
        for (String arch : archs) {
            List<SummaryRow> mine = rows.stream().filter(r -> r.cell().arch().equals(arch))
                    .sorted(Comparator.comparingDouble(x)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double[] xs = mine.stream().mapToDouble(x).toArray();
            if (mine.stream().allMatch(r -> y.apply(r).hasInterval())) {
                double[] bandX = new double[2 * xs.length];
                double[] bandY = new double[2 * xs.length];
                for (int i = 0; i < xs.length; i++) {
                    bandX[i] = xs[i];
                    bandY[i] = y.apply(mine.get(i)).high();
                    bandX[2 * xs.length - 1 - i] = xs[i];
                    bandY[2 * xs.length - 1 - i] = y.apply(mine.get(i)).low();
                }
                XYSeries band = chart.addSeries(arch + " 95% CI", bandX, bandY);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                Color c = colour(arch);
                band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 45));
                band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            lines.add(new Line(arch, xs, mine.stream().mapToDouble(r -> y.apply(r).mean()).toArray()));
        }
        for (Line line : lines) {
            XYSeries added = chart.addSeries(line.arch(), line.x(), line.y());
            added.setLineColor(colour(line.arch()));
            added.setMarkerColor(colour(line.arch()));
            added.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** An architecture's means, by x. */
    private record Line(String arch, double[] x, double[] y) {
    }

    private XYChart curve(List<Cell> cells, String title, String yTitle, ToDoubleFunction<EpochRecord> metric) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisDecimalPattern("0");
        Set<String> inLegend = new HashSet<>();
        for (Cell cell : cells) {
            for (FinishedRun run : cell.runs()) {
                List<EpochRecord> epochs = run.epochs().stream().filter(e -> !Double.isNaN(metric.applyAsDouble(e)))
                        .toList();
                if (epochs.isEmpty()) {
                    continue;
                }
                XYSeries series = chart.addSeries("run " + run.id(),
                        epochs.stream().mapToDouble(EpochRecord::epoch).toArray(),
                        epochs.stream().mapToDouble(metric).toArray());
                series.setLineColor(colour(cell.arch()));
                series.setMarker(SeriesMarkers.NONE);
                series.setLabel(cell.arch());
                series.setShowInLegend(inLegend.add(cell.arch()));
            }
        }
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.000");
    }

    private Color colour(String arch) {
        return PALETTE[Math.max(0, archs.indexOf(arch)) % PALETTE.length];
    }

    private static double tagMean(Cell cell, int tag) {
        return cell.runs().stream().mapToDouble(r -> r.testTags().get(tag).rocAuc()).average().orElse(Double.NaN);
    }
}
