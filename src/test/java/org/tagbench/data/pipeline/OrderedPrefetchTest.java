package org.tagbench.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Results come back in order, nulls are passed over, failures surface, and no more than the window runs ahead. */
class OrderedPrefetchTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void resultsComeInSubmissionOrderWithNullsPassedOver() {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            tasks.add(() -> {
                Thread.sleep((20 - value) % 7);
                return value % 5 == 0 ? null : value;
            });
        }
        List<Integer> out = new ArrayList<>();
        try (OrderedPrefetch<Integer> prefetch = new OrderedPrefetch<>(pool, tasks.iterator(), 3)) {
            prefetch.forEachRemaining(out::add);
        }
        assertEquals(List.of(1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14, 16, 17, 18, 19), out);
    }

    @Test
    void noMoreThanTheWindowIsTakenAheadOfTheConsumer() {
        CountingTasks tasks = new CountingTasks(100);
        try (OrderedPrefetch<Integer> prefetch = new OrderedPrefetch<>(pool, tasks, 4)) {
            assertEquals(4, tasks.taken);
            for (int consumed = 1; consumed <= 10; consumed++) {
                assertEquals(consumed - 1, prefetch.next());
                assertTrue(tasks.taken <= consumed + 4, "taken " + tasks.taken + " after " + consumed);
            }
        }
    }

    @Test
    void aFailingTaskIsRethrownToTheConsumer() {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
            throw new IllegalArgumentException("bad chunk");
        });
        try (OrderedPrefetch<Integer> prefetch = new OrderedPrefetch<>(pool, tasks.iterator(), 2)) {
            assertEquals(1, prefetch.next());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, prefetch::next);
            assertEquals("bad chunk", e.getMessage());
        }
    }

    /** Tasks returning their index, counting how many the prefetch has taken. */
    private static final class CountingTasks implements Iterator<Callable<Integer>> {
        private final int total;
        private int taken;

        CountingTasks(int total) {
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            return taken < total;
        }

        @Override
        public Callable<Integer> next() {
            int value = taken++;
            return () -> value;
        }
    }
}
