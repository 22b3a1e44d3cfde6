package org.tagbench.results;

import java.util.List;

/** The network a run trained: structure, widths, input shape and exact trainable-parameter count. */
public record ModelRecord(String arch, List<Integer> widths, int melBands, int frames, int tags, long params,
                          long budget) {
    public ModelRecord {
        widths = List.copyOf(widths);
    }
}
