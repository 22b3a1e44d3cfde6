package org.tagbench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A model spec layer by layer, for people: each layer with its output shape, parameters and FLOPs. */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** One layer of the summary. */
    public record Row(String layer, Shape output, long params, long flops) {
    }

    /** One row per layer, in order. */
    public static List<Row> rows(ModelSpec spec) {
        List<Row> rows = new ArrayList<>();
        List<Shape> shapes = spec.shapes();
        Shape in = spec.input();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            rows.add(new Row(layer.describe(), shapes.get(i), layer.params(), layer.flops(in)));
            in = shapes.get(i);
        }
        return rows;
    }

    /** The rows as a table, after a heading line and before a line of totals. */
    public static String table(ModelSpec spec) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  input %s  tags %d  widths %s%n", spec.arch(), spec.input(),
                spec.tags(), spec.widths()));
        out.append(String.format(Locale.ROOT, "%3s  %-45s %-18s %14s %18s%n", "#", "layer", "output", "params",
                "FLOPs"));
        List<Row> rows = rows(spec);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            out.append(String.format(Locale.ROOT, "%3d  %-45s %-18s %,14d %,18d%n", i + 1, row.layer(),
                    row.output(), row.params(), row.flops()));
        }
        out.append(String.format(Locale.ROOT, "trainable parameters %,d  FLOPs per clip %,d%n",
                spec.trainableParams(), spec.flops()));
        return out.toString();
    }
}
