package org.tagbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects a network's layers while tracking the shape they leave, so each layer is sized by the one before. A
 * layer reads the one added before it unless {@link #addFrom} names its inputs (a residual shortcut, a branch).
 */
final class LayerStack {
    private final int melBands;
    private final int frames;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<List<Integer>> inputs = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private Shape shape;

    LayerStack(int melBands, int frames) {
        if (melBands < 1 || frames < 1) {
            throw new IllegalArgumentException("input " + melBands + " x " + frames
                    + " (mel bands x frames): both must be at least 1");
        }
        this.melBands = melBands;
        this.frames = frames;
        this.shape = new Shape(1, melBands, frames);
    }

    /** Appends a layer that reads the last one added (or the input). */
    LayerStack add(LayerSpec layer) {
        return addFrom(layer, last());
    }

    /** Appends a node that reads nodes {@code from} (indices {@link #last()} gave, or {@link ModelSpec#INPUT}). */
    LayerStack addFrom(LayerSpec layer, int... from) {
        List<Integer> reads = Arrays.stream(from).boxed().toList();
        shape = layer.output(reads.stream().map(this::shapeOf).toList());
        layers.add(layer);
        inputs.add(reads);
        shapes.add(shape);
        return this;
    }

    /** The index of the last node added ({@link ModelSpec#INPUT} before any). */
    int last() {
        return layers.size() - 1;
    }

    /** The shape the layers so far leave. */
    Shape shape() {
        return shape;
    }

    /** The values the layers so far leave, as a flattened layer sees them. */
    int flatSize() {
        return Math.toIntExact(shape.size());
    }

    /** The finished network, with the sigmoid output layer appended. */
    ModelSpec withOutput(Architecture arch, int tags, int[] widths) {
        add(new SigmoidOutput(flatSize(), tags));
        return new ModelSpec(arch, melBands, frames, tags, Arrays.stream(widths).boxed().toList(), layers, inputs);
    }

    private Shape shapeOf(int node) {
        return node == ModelSpec.INPUT ? new Shape(1, melBands, frames) : shapes.get(node);
    }
}
