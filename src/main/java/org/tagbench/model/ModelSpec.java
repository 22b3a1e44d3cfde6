package org.tagbench.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * An engine-neutral network description: the input (1 x mel bands x frames of log-mel, or 1 x 1 x samples of
 * waveform for an architecture that {@link Architecture#eatsWaveform eats it}), its layers (the graph's
 * nodes, in an order where every node comes after its inputs) and the widths they were built from (one per
 * convolution, dense or GRU layer, in order). Node {@code i} reads {@code inputs.get(i)}: earlier node indices, or
 * {@link #INPUT} for the network's input; a chain reads the node before each time, as every network did before
 * graphs, and {@link Add} and {@link Concat} nodes read several. The last node is the output. Every engine builds
 * exactly these layers, so the analytic counts here are the engines' counts.
 */
public record ModelSpec(Architecture arch, int melBands, int frames, int tags, List<Integer> widths,
                        List<LayerSpec> layers, List<List<Integer>> inputs) {
    /** The node index that stands for the network's input in {@link #inputs()}. */
    public static final int INPUT = -1;

    public ModelSpec {
        widths = List.copyOf(widths);
        layers = List.copyOf(layers);
        inputs = inputs.stream().map(List::copyOf).toList();
        requireOrdered(layers, inputs);
        shapes(arch, new Shape(1, melBands, frames), layers, inputs);
    }

    /** A chain: each layer reads the one before it (the first reads the input). */
    public ModelSpec(Architecture arch, int melBands, int frames, int tags, List<Integer> widths,
                     List<LayerSpec> layers) {
        this(arch, melBands, frames, tags, widths, layers, chain(layers.size()));
    }

    /** The inputs of a chain of {@code n} nodes: node i reads node i - 1, node 0 the network's input. */
    public static List<List<Integer>> chain(int n) {
        return IntStream.range(0, n).mapToObj(i -> List.of(i - 1)).toList();
    }

    /** Whether every node reads exactly the node before it (engines build such a spec as a plain stack). */
    public boolean isChain() {
        return inputs.equals(chain(layers.size()));
    }

    /** The shape of one input example: one channel of mel bands x frames. */
    public Shape input() {
        return new Shape(1, melBands, frames);
    }

    /** The output shape of each node, in order. */
    public List<Shape> shapes() {
        return shapes(arch, input(), layers, inputs);
    }

    /** The shapes node {@code node} reads, one per input, from {@code shapes} (this spec's {@link #shapes()}). */
    public List<Shape> inputShapes(int node, List<Shape> shapes) {
        return inputs.get(node).stream().map(i -> i == INPUT ? input() : shapes.get(i)).toList();
    }

    /** Exact number of trainable parameters (what the paper's budgets count). */
    public long trainableParams() {
        return layers.stream().mapToLong(LayerSpec::params).sum();
    }

    /**
     * The named outputs, node indices counted from 0: {@code tags} (the last node, the sigmoid output) and {@code
     * embedding} (the node the sigmoid output reads).
     */
    public Map<String, Integer> outputs() {
        Map<String, Integer> outputs = new LinkedHashMap<>();
        outputs.put("embedding", inputs.get(layers.size() - 1).get(0));
        outputs.put("tags", layers.size() - 1);
        return Collections.unmodifiableMap(outputs);
    }

    /**
     * The {@code model summary} number (counted from 1) of the node whose output the sigmoid layer reads: the
     * embedding that {@code embed} and the ONNX graph give by default (the penultimate layer of a chain).
     */
    public int embeddingLayer() {
        return outputs().get("embedding") + 1;
    }

    /** Floating-point operations for one input example's forward pass, 2 per multiply-add (see docs/architectures.md). */
    public long flops() {
        List<Shape> outputs = shapes();
        long sum = 0;
        for (int i = 0; i < layers.size(); i++) {
            sum += layers.get(i).flops(inputShapes(i, outputs).get(0));
        }
        return sum;
    }

    /** The layers of one kind, in order, e.g. the convolution blocks. */
    public <T extends LayerSpec> List<T> layersOf(Class<T> kind) {
        return layers.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static void requireOrdered(List<LayerSpec> layers, List<List<Integer>> inputs) {
        if (inputs.size() != layers.size()) {
            throw new IllegalArgumentException(layers.size() + " layers but inputs for " + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).isEmpty()) {
                throw new IllegalArgumentException("node " + i + " (" + layers.get(i).describe() + ") has no input");
            }
            for (int from : inputs.get(i)) {
                if (from < INPUT || from >= i) {
                    throw new IllegalArgumentException("node " + i + " (" + layers.get(i).describe()
                            + ") reads node " + from + ": expected the input (" + INPUT + ") or an earlier node");
                }
            }
        }
    }

    private static List<Shape> shapes(Architecture arch, Shape input, List<LayerSpec> layers,
                                      List<List<Integer>> inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            List<Shape> in = inputs.get(i).stream().map(n -> n == INPUT ? input : shapes.get(n)).toList();
            LayerSpec layer = layers.get(i);
            Shape out = layer.output(in);
            if (out.channels() < 1 || out.height() < 1 || out.width() < 1) {
                throw new IllegalArgumentException("input " + input.height() + " x " + input.width()
                        + " (mel bands x frames) is too small for " + arch + ": its " + layer.describe()
                        + " layer makes " + in.get(0) + " into " + out);
            }
            shapes.add(out);
        }
        return Collections.unmodifiableList(shapes);
    }
}
