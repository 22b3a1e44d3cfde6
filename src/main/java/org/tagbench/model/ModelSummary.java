package org.tagbench.model;

import java.util.List;
import java.util.Locale;

/** A model spec as a table for people: each layer with its output shape, parameters and FLOPs, then the totals. */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** The table, one line per layer, ending with a line of totals. */
    public static String table(ModelSpec spec) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  input %s  tags %d  widths %s%n", spec.arch(), spec.input(),
                spec.tags(), spec.widths()));
        out.append(String.format(Locale.ROOT, "%3s  %-45s %-18s %14s %18s%n", "#", "layer", "output", "params",
                "FLOPs"));
        List<Shape> shapes = spec.shapes();
        Shape in = spec.input();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            out.append(String.format(Locale.ROOT, "%3d  %-45s %-18s %,14d %,18d%n", i + 1, layer.describe(),
                    shapes.get(i), layer.params(), layer.flops(in)));
            in = shapes.get(i);
        }
        out.append(String.format(Locale.ROOT, "trainable parameters %,d  FLOPs per clip %,d%n",
                spec.trainableParams(), spec.flops()));
        return out.toString();
    }
}
