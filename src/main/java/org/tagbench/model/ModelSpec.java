package org.tagbench.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An engine-neutral network description: the input (1 x mel bands x frames of log-mel, or 1 x 1 x samples of
 * waveform for an architecture that {@link Architecture#eatsWaveform eats it}), its layers in order and
 * the widths they were built from (one per convolution, dense or GRU layer, in order). Every engine builds
 * exactly these layers, so the analytic counts here are the engines' counts.
 */
public record ModelSpec(Architecture arch, int melBands, int frames, int tags, List<Integer> widths,
                        List<LayerSpec> layers) {
    public ModelSpec {
        widths = List.copyOf(widths);
        layers = List.copyOf(layers);
        shapes(arch, new Shape(1, melBands, frames), layers);
    }

    /** The shape of one input example: one channel of mel bands x frames. */
    public Shape input() {
        return new Shape(1, melBands, frames);
    }

    /** The output shape of each layer, in order. */
    public List<Shape> shapes() {
        return shapes(arch, input(), layers);
    }

    /** Exact number of trainable parameters (what the paper's budgets count). */
    public long trainableParams() {
        return layers.stream().mapToLong(LayerSpec::params).sum();
    }

    /**
     * The {@code model summary} number (counted from 1) of the penultimate layer, whose output the sigmoid layer
     * reads: the embedding that {@code embed} and the ONNX graph give by default.
     */
    public int embeddingLayer() {
        return layers.size() - 1;
    }

    /** Floating-point operations for one input example's forward pass, 2 per multiply-add (see docs/architectures.md). */
    public long flops() {
        List<Shape> outputs = shapes();
        long sum = 0;
        Shape in = input();
        for (int i = 0; i < layers.size(); i++) {
            sum += layers.get(i).flops(in);
            in = outputs.get(i);
        }
        return sum;
    }

    /** The layers of one kind, in order, e.g. the convolution blocks. */
    public <T extends LayerSpec> List<T> layersOf(Class<T> kind) {
        return layers.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static List<Shape> shapes(Architecture arch, Shape input, List<LayerSpec> layers) {
        List<Shape> shapes = new ArrayList<>();
        Shape in = input;
        for (LayerSpec layer : layers) {
            Shape out = layer.output(in);
            if (out.channels() < 1 || out.height() < 1 || out.width() < 1) {
                throw new IllegalArgumentException("input " + input.height() + " x " + input.width()
                        + " (mel bands x frames) is too small for " + arch + ": its " + layer.describe()
                        + " layer makes " + in + " into " + out);
            }
            shapes.add(out);
            in = out;
        }
        return Collections.unmodifiableList(shapes);
    }
}
