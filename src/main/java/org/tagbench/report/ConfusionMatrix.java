package org.tagbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.tagbench.files.AtomicFile;
import org.tagbench.metrics.ClassMetrics;

/**
 * A multiclass split's confusion matrix as a table (rows the true class, columns the predicted one, counts) and as a
 * heat map, written as {@code NAME.md}, {@code NAME.csv}, {@code NAME.png} and {@code NAME.svg}.
 */
public final class ConfusionMatrix {
    /** The files' base name in a run folder. */
    public static final String NAME = "confusion-matrix";

    private ConfusionMatrix() {
    }

    /** The counts, one row per true class, a column per predicted class. */
    public static Table table(ClassMetrics metrics) {
        List<String> header = new ArrayList<>();
        header.add("true \\ predicted");
        header.addAll(metrics.classes());
        List<List<Object>> rows = new ArrayList<>();
        long[][] counts = metrics.confusion();
        for (int i = 0; i < counts.length; i++) {
            List<Object> row = new ArrayList<>();
            row.add(metrics.classes().get(i));
            for (long count : counts[i]) {
                row.add(count);
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** The heat map: predicted classes across, true classes down (the first at the top), each cell its count. */
    public static Figure figure(ClassMetrics metrics) {
        int n = metrics.classes().size();
        int side = Math.max(320, 120 + 36 * n);
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 80).height(side).title("Confusion matrix")
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        List<String> down = new ArrayList<>(metrics.classes());
        Collections.reverse(down);
        List<Number[]> cells = new ArrayList<>();
        long[][] counts = metrics.confusion();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, n - 1 - t, counts[t][p]});
            }
        }
        chart.addSeries("counts", metrics.classes(), down, cells);
        return new Figure(NAME, List.of(chart));
    }

    /** Writes the table (Markdown and CSV) and the figure (PNG and SVG) into {@code folder}. */
    public static void write(Path folder, ClassMetrics metrics) throws IOException {
        Table table = table(metrics);
        byte[] markdown = table.markdown().getBytes(StandardCharsets.UTF_8);
        byte[] csv = table.csv().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(folder.resolve(NAME + ".md"), out -> out.write(markdown));
        AtomicFile.write(folder.resolve(NAME + ".csv"), out -> out.write(csv));
        figure(metrics).write(folder);
    }
}
