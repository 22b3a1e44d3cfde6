package org.tagbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects a network's layers while tracking the shape they leave, so each layer is sized by the one before. */
final class LayerStack {
    private final int melBands;
    private final int frames;
    private final List<LayerSpec> layers = new ArrayList<>();
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

    /** Appends a layer. */
    LayerStack add(LayerSpec layer) {
        layers.add(layer);
        shape = layer.output(shape);
        return this;
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
        return new ModelSpec(arch, melBands, frames, tags, Arrays.stream(widths).boxed().toList(), layers);
    }
}
