package org.tagbench.model;

import java.util.List;

/**
 * An engine-neutral network description: the input (mel bands x frames), the convolution blocks in order,
 * a global max pool over whatever the blocks leave, and one sigmoid output per tag.
 */
public record ModelSpec(Architecture arch, int melBands, int frames, List<ConvBlock> blocks, int tags) {
    public ModelSpec {
        blocks = List.copyOf(blocks);
    }

    /** The width (channels) of each block, in order. */
    public List<Integer> widths() {
        return blocks.stream().map(ConvBlock::outChannels).toList();
    }

    /** Exact number of trainable parameters (what the paper's budgets count). */
    public long trainableParams() {
        long convs = blocks.stream().mapToLong(ConvBlock::trainableParams).sum();
        int last = blocks.get(blocks.size() - 1).outChannels();
        return convs + (long) last * tags + tags;
    }

    /** Mel bands and frames left after every pool (floor division, as the engines pool). */
    public int[] pooledShape() {
        int h = melBands;
        int w = frames;
        for (ConvBlock b : blocks) {
            h /= b.poolHeight();
            w /= b.poolWidth();
        }
        return new int[] {h, w};
    }
}
