package org.tagbench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Choi et al. 2017's Conv2D structure k2c2: five 3x3 convolution blocks whose max pools shrink a 96 x 1366
 * log-mel input to 1 x 1, then a sigmoid output per tag. Table 1 widths are in the ratio 1 : 2 : 2 : 3 : 4.
 */
final class K2c2 {
    /** Width of each block relative to the first (Table 1: conv 1 / conv 2–3 / conv 4 / conv 5). */
    static final double[] WIDTH_RATIOS = {1, 2, 2, 3, 4};
    /** The paper's pools for 96 mel bands x 1366 frames: (2,4), (2,4), (2,4), (3,5), (4,4). */
    private static final int[] PAPER_FREQ_POOLS = {2, 2, 2, 3, 4};
    private static final int[] PAPER_TIME_POOLS = {4, 4, 4, 5, 4};
    private static final int KERNEL = 3;

    private K2c2() {
    }

    /** The k2c2 network for this input and tag count with the given block widths. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        if (widths.length != WIDTH_RATIOS.length) {
            throw new IllegalArgumentException("k2c2 has " + WIDTH_RATIOS.length + " widths, got " + widths.length);
        }
        int[] freqPools = fitPools(PAPER_FREQ_POOLS, melBands);
        int[] timePools = fitPools(PAPER_TIME_POOLS, frames);
        List<ConvBlock> blocks = new ArrayList<>();
        int in = 1;
        for (int i = 0; i < widths.length; i++) {
            blocks.add(new ConvBlock(in, widths[i], KERNEL, KERNEL, freqPools[i], timePools[i]));
            in = widths[i];
        }
        return new ModelSpec(Architecture.K2C2, melBands, frames, blocks, tags);
    }

    /**
     * The paper's pools where the input is large enough; on a smaller input the pools are reduced from the last
     * layer backwards until their product fits, so the early layers keep shrinking the large (costly) maps as in
     * the paper and the network still ends on a 1 x 1 map at full size.
     */
    static int[] fitPools(int[] paperPools, int size) {
        int[] pools = paperPools.clone();
        for (int i = pools.length - 1; i >= 0; i--) {
            while (product(pools) > size && pools[i] > 1) {
                pools[i]--;
            }
        }
        return pools;
    }

    private static int product(int[] values) {
        int p = 1;
        for (int v : values) {
            p *= v;
        }
        return p;
    }
}
