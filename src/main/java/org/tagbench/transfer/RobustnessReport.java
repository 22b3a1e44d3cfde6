package org.tagbench.transfer;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tagbench.files.AtomicFolder;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.report.Figure;
import org.tagbench.report.Table;
import org.tagbench.results.RobustnessRow;

/**
 * The robustness results as files: {@code robustness.csv} and {@code robustness.md} (one row per evaluation) and
 * {@code robustness.png}/{@code .svg}, one panel per perturbation with macro ROC-AUC and PR-AUC against strength and
 * the clean values as dashed lines. The folder is written whole or not at all.
 */
public final class RobustnessReport {
    /** The report's base file name. */
    public static final String NAME = "robustness";
    private static final int PANEL_WIDTH = 360;
    private static final int PANEL_HEIGHT = 300;
    private static final Color ROC = new Color(0x1f77b4);
    private static final Color PR = new Color(0xd62728);

    private RobustnessReport() {
    }

    /** The rows as a table: perturbation, parameter, strength ("none" for the clean row), the metrics, tracks. */
    public static Table table(List<RobustnessRow> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (RobustnessRow row : rows) {
            TagMetrics m = row.metrics();
            cells.add(List.of(row.perturbation(), row.parameter(),
                    row.isClean() ? RobustnessRow.CLEAN : PerturbationKind.shown(row.strength()),
                    m.rocAucMacro(), m.prAucMacro(), m.rocAucMicro(), m.prAucMicro(), m.tracks()));
        }
        return new Table(List.of("perturbation", "parameter", "strength", "roc_auc", "pr_auc", "roc_auc_micro",
                "pr_auc_micro", "tracks"), cells);
    }

    /** Writes the table and the figure into {@code folder}, replacing an earlier robustness report there. */
    public static void write(Path folder, List<RobustnessRow> rows) throws IOException {
        AtomicFolder.write(folder, f -> Files.isRegularFile(f.resolve(NAME + ".csv")), "an earlier robustness report",
                into -> {
                    Table table = table(rows);
                    Files.writeString(into.resolve(NAME + ".csv"), table.csv(), StandardCharsets.UTF_8);
                    Files.writeString(into.resolve(NAME + ".md"), "# Robustness\n\n" + table.markdown(),
                            StandardCharsets.UTF_8);
                    new Figure(NAME, panels(rows)).write(into);
                });
    }

    /** One panel per perturbation, in the order of the rows. */
    static List<Chart<?, ?>> panels(List<RobustnessRow> rows) {
        TagMetrics clean = rows.stream().filter(RobustnessRow::isClean).findFirst().orElseThrow().metrics();
        Map<String, List<RobustnessRow>> byKind = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.isClean()).forEach(r -> byKind.computeIfAbsent(r.perturbation(),
                k -> new ArrayList<>()).add(r));
        List<Chart<?, ?>> panels = new ArrayList<>();
        byKind.forEach((key, mine) -> {
            PerturbationKind kind = PerturbationKind.byKey(key).orElseThrow();
            List<RobustnessRow> sorted = mine.stream().sorted((a, b) -> Double.compare(a.strength(), b.strength()))
                    .toList();
            double[] x = sorted.stream().mapToDouble(RobustnessRow::strength).toArray();
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(key)
                    .xAxisTitle(kind.parameter() + " (" + kind.unit() + ")").yAxisTitle("macro AUC").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
            chart.getStyler().setYAxisDecimalPattern("0.00");
            chart.getStyler().setXAxisDecimalPattern("0.##");
            double[] edges = {x[0], x[x.length - 1]};
            line(chart, "ROC-AUC", x, sorted.stream().mapToDouble(r -> r.metrics().rocAucMacro()).toArray(), ROC);
            line(chart, "PR-AUC", x, sorted.stream().mapToDouble(r -> r.metrics().prAucMacro()).toArray(), PR);
            dashed(line(chart, "ROC-AUC clean", edges, new double[] {clean.rocAucMacro(), clean.rocAucMacro()}, ROC));
            dashed(line(chart, "PR-AUC clean", edges, new double[] {clean.prAucMacro(), clean.prAucMacro()}, PR));
            panels.add(chart);
        });
        return panels;
    }

    private static void dashed(XYSeries series) {
        series.setLineStyle(SeriesLines.DASH_DASH);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        return series;
    }
}
