package org.tagbench.report;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tagbench.results.FinishedRun;

/**
 * Reads runs' test scores in order, one run ahead on a thread of its own, so that reading and checking a run's
 * files (one core) overlaps the previous run's statistics (all cores). At most two runs' scores are in memory.
 */
final class ScoreReader implements AutoCloseable {
    private final List<FinishedRun> runs;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "score-reader");
        t.setDaemon(true);
        return t;
    });
    private int next;
    private Future<RunScores> ahead;

    /** A reader of {@code runs}' scores, in that order. */
    ScoreReader(List<FinishedRun> runs) {
        this.runs = List.copyOf(runs);
        this.ahead = read(0);
    }

    /** The next run's scores; the one after is read meanwhile. */
    RunScores next() throws IOException {
        Future<RunScores> current = ahead;
        next++;
        ahead = read(next);
        try {
            return current.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading scores", e);
        }
    }

    private Future<RunScores> read(int index) {
        if (index >= runs.size()) {
            return null;
        }
        FinishedRun run = runs.get(index);
        return thread.submit(() -> RunScores.of(run));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
