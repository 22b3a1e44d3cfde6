package org.tagbench.data.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs tasks on a pool ahead of the consumer and hands their results back in submission order; a task that
 * returns null (nothing usable, e.g. every track of a batch skipped) is passed over. At most {@code window}
 * tasks are queued or running, which bounds memory and gives backpressure.
 */
public final class OrderedPrefetch<T> implements Iterator<T>, AutoCloseable {
    private final ExecutorService pool;
    private final Iterator<Callable<T>> tasks;
    private final int window;
    private final Deque<Future<T>> pending = new ArrayDeque<>();
    private T ready;

    OrderedPrefetch(ExecutorService pool, Iterator<Callable<T>> tasks, int window) {
        this.pool = pool;
        this.tasks = tasks;
        this.window = window;
        refill();
    }

    /** Whether another result exists, waiting for the tasks ahead of it; a task's failure is rethrown here. */
    @Override
    public boolean hasNext() {
        while (ready == null && !pending.isEmpty()) {
            Future<T> head = pending.removeFirst();
            refill();
            ready = await(head);
        }
        return ready != null;
    }

    /** The next non-null result in submission order. */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T out = ready;
        ready = null;
        return out;
    }

    private T await(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for input", e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Cancels the tasks not yet taken. */
    @Override
    public void close() {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
    }

    private void refill() {
        while (pending.size() < window && tasks.hasNext()) {
            pending.addLast(pool.submit(tasks.next()));
        }
    }
}
