package org.tagbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * The summary as JSON ({@code model summary --json}, and a model bundle's {@code model.json}); each layer also
     * carries its kind and its spec's fields (kernel, pool, padding, in/out sizes), enough for another framework to
     * build the same network (scripts/twin_network.py does).
     */
    public static ObjectNode json(ModelSpec model) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("arch", model.arch().configName());
        root.set("input", mapper.valueToTree(List.of(model.melBands(), model.frames())));
        root.put("tags", model.tags());
        root.set("widths", mapper.valueToTree(model.widths()));
        root.put("params", model.trainableParams());
        root.put("flops", model.flops());
        ArrayNode layers = root.putArray("layers");
        List<Row> rows = rows(model);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            LayerSpec layer = model.layers().get(i);
            Shape out = row.output();
            ObjectNode node = layers.addObject();
            node.put("layer", row.layer());
            node.put("kind", layer.getClass().getSimpleName());
            node.set("config", mapper.valueToTree(layer));
            node.set("output", mapper.valueToTree(List.of(out.channels(), out.height(), out.width())));
            node.put("params", row.params());
            node.put("flops", row.flops());
        }
        return root;
    }
}
