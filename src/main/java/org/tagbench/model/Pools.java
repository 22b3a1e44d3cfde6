package org.tagbench.model;

/** Adapts the paper's pool sizes (made for 96 x 1366 inputs) to other input sizes. */
final class Pools {
    private Pools() {
    }

    /**
     * The paper's pools where the input is large enough; on a smaller input the pools are reduced from the last
     * layer backwards until their product fits, so the early layers keep shrinking the large (costly) maps as in
     * the paper. Each reduction at most halves the product, so it ends above size / 2 and the pools still leave
     * exactly 1 of {@code size}, as the paper's do at full size.
     */
    static int[] fit(int[] paperPools, int size) {
        int[] pools = paperPools.clone();
        for (int i = pools.length - 1; i >= 0; i--) {
            while (product(pools) > size && pools[i] > 1) {
                pools[i]--;
            }
        }
        return pools;
    }

    /** The product of the pool sizes: what the pools divide an axis by. */
    static int product(int[] pools) {
        int p = 1;
        for (int v : pools) {
            p *= v;
        }
        return p;
    }
}
