package org.tagbench.sweep;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.results.SweepStore;

/**
 * The heartbeat of a claimed cell, on a thread of its own from the claim to the cell's end. The run's own heartbeat
 * starts only once the engine has loaded and the run's row exists (seconds on a busy machine), so the cell cannot
 * borrow it: without a beat in that gap another worker would take the cell over and train it too.
 */
final class CellHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CellHeartbeat.class);

    private final ScheduledExecutorService thread;

    private CellHeartbeat(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** Beats cell {@code cell} of {@code worker} now and every {@code seconds} until closed. */
    static CellHeartbeat start(SweepStore sweeps, long sweepId, int cell, String worker, int seconds) {
        sweeps.beat(sweepId, cell, worker, seconds);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread beats = new Thread(task, "tagbench-cell-heartbeat");
            beats.setDaemon(true);
            return beats;
        });
        thread.scheduleAtFixedRate(() -> {
            try {
                sweeps.beat(sweepId, cell, worker, seconds);
            } catch (RuntimeException e) {
                // A missed beat only ages the heartbeat; a store that stays unreachable fails the cell's own writes.
                LOG.debug("heartbeat of sweep cell {} not written: {}", cell, e.getMessage());
            }
        }, seconds, seconds, TimeUnit.SECONDS);
        return new CellHeartbeat(thread);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
