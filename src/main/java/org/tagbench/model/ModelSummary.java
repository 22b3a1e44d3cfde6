package org.tagbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A model spec layer by layer, for people: each layer with its output shape, parameters, FLOPs (and inputs). */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** One layer (node) of the summary, with the node indices it reads ({@link ModelSpec#INPUT} = the input). */
    public record Row(String layer, Shape output, long params, long flops, List<Integer> inputs) {
    }

    /** One row per layer, in order. */
    public static List<Row> rows(ModelSpec spec) {
        List<Row> rows = new ArrayList<>();
        List<Shape> shapes = spec.shapes();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            rows.add(new Row(layer.describe(), shapes.get(i), layer.params(),
                    layer.flops(spec.inputShapes(i, shapes).get(0)), spec.inputs().get(i)));
        }
        return rows;
    }

    /**
     * The rows as a table, after a heading line and before a line of totals. A graph's rows also say which rows
     * each reads ("in" for the input), so that branches and shortcuts show; a chain's table is as it always was.
     */
    public static String table(ModelSpec spec) {
        boolean graph = !spec.isChain();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s  input %s  tags %d  widths %s%n", spec.arch(), spec.input(),
                spec.tags(), spec.widths()));
        out.append(String.format(Locale.ROOT, "%3s  %-45s %-18s %14s %18s%s%n", "#", "layer", "output", "params",
                "FLOPs", graph ? "  from" : ""));
        List<Row> rows = rows(spec);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            out.append(String.format(Locale.ROOT, "%3d  %-45s %-18s %,14d %,18d%s%n", i + 1, row.layer(),
                    row.output(), row.params(), row.flops(), graph ? "  " + from(row.inputs()) : ""));
        }
        out.append(String.format(Locale.ROOT, "trainable parameters %,d  FLOPs per clip %,d%n",
                spec.trainableParams(), spec.flops()));
        return out.toString();
    }

    /** Row numbers as the table counts them (from 1), "in" for the network's input, e.g. {@code 5 + 8}. */
    private static String from(List<Integer> inputs) {
        return inputs.stream().map(i -> i == ModelSpec.INPUT ? "in" : Integer.toString(i + 1))
                .collect(Collectors.joining(" + "));
    }

    /**
     * The summary as JSON ({@code model summary --json}, and a model bundle's {@code model.json}); each layer also
     * carries its kind and its spec's fields (kernel, pool, padding, in/out sizes), enough for another framework to
     * build the same network (scripts/twin_network.py does), and {@code inputs}, the indices into {@code layers}
     * of the nodes it reads (-1 = the network's input); {@code outputs} names the embedding and tags nodes.
     */
    public static ObjectNode json(ModelSpec model) {
        // Layers without fields (a concat, the spectrogram's batch norm) are empty objects.
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        ObjectNode root = mapper.createObjectNode();
        root.put("arch", model.arch().configName());
        root.set("input", mapper.valueToTree(List.of(model.melBands(), model.frames())));
        root.put("tags", model.tags());
        root.set("widths", mapper.valueToTree(model.widths()));
        root.put("params", model.trainableParams());
        root.put("flops", model.flops());
        root.set("outputs", mapper.valueToTree(model.outputs()));
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
            node.set("inputs", mapper.valueToTree(row.inputs()));
        }
        return root;
    }
}
