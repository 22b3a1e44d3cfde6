package org.tagbench.data;

import java.util.random.RandomGenerator;

/** Random orders of rows or tracks, the same for the same generator state. */
public final class Permutation {
    private Permutation() {
    }

    /** 0..n-1 in the order a Fisher-Yates shuffle drawing from {@code random} leaves them. */
    public static int[] shuffled(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
