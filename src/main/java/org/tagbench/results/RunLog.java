package org.tagbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.train.EpochListener;
import org.tagbench.train.EpochRecord;

/**
 * A run's row in the store while a process trains it: inserted (or, resumed, taken over) as {@code running} before
 * training, each epoch appended as it ends, a heartbeat every {@code heartbeat_seconds} from a thread of its own, and
 * at the end {@code finished}, {@code failed} with the one-line error, or {@code interrupted}. The run folder is locked
 * ({@link RunLock}) as long as the log is open. Each change is one transaction.
 */
public final class RunLog implements EpochListener, AutoCloseable {
    /** The file in a run folder holding the uid of its row, so that a resumed or imported run finds that row. */
    public static final String UID_FILE = "run.uid";
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final ResultsStore store;
    private final long id;
    private final Path folder;
    private final RunLock lock;
    private final ScheduledExecutorService heartbeat;
    private long storeNanos;
    private int writes;

    private RunLog(ResultsStore store, long id, Path folder, RunLock lock, int heartbeatSeconds, long openNanos) {
        this.store = store;
        this.storeNanos = openNanos;
        this.writes = 1;
        this.id = id;
        this.folder = folder;
        this.lock = lock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tagbench-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    /**
     * Locks the run folder of {@code start} and marks its row {@code running}: a new row for a new run, the same row
     * for a run that has one (its folder's {@link #UID_FILE}).
     */
    public static RunLog open(ResultsStore store, RunStart start) throws IOException {
        long begin = System.nanoTime();
        RunLock lock = RunLock.take(start.folder());
        try {
            int heartbeatSeconds = start.config().results().heartbeatSeconds();
            Optional<String> known = uid(start.folder());
            long id = store.transaction(c -> {
                Optional<Long> row = known.isPresent() ? RunRows.byUid(c, known.get()) : Optional.empty();
                if (row.isEmpty()) {
                    RunStart fresh = known.isPresent() ? start.withUid(known.get()) : start;
                    return RunRows.insert(c, store.now(), fresh, RunRows.RUNNING, heartbeatSeconds);
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE runs SET status = ?, owner = ?, host = ?,"
                        + " folder = ?, heartbeat_ms = " + store.now() + ", heartbeat_seconds = ?, ended_ms = NULL,"
                        + " error = NULL WHERE id = ?")) {
                    update.setString(1, RunRows.RUNNING);
                    update.setString(2, Host.process());
                    update.setString(3, start.host());
                    update.setString(4, start.folder().toAbsolutePath().toString());
                    update.setInt(5, heartbeatSeconds);
                    update.setLong(6, row.get());
                    update.executeUpdate();
                }
                return row.get();
            });
            if (known.isEmpty()) {
                Path file = start.folder().resolve(UID_FILE);
                byte[] uid = (start.uid() + "\n").getBytes(StandardCharsets.UTF_8);
                try {
                    AtomicFile.write(file, out -> out.write(uid));
                } catch (IOException e) {
                    throw FileFailure.naming(file, e);
                }
            }
            return new RunLog(store, id, start.folder(), lock, heartbeatSeconds, System.nanoTime() - begin);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A new uid for a run's row. */
    public static String newUid() {
        return UUID.randomUUID().toString();
    }

    /** The uid in {@code folder}'s {@link #UID_FILE}, if it has one. */
    static Optional<String> uid(Path folder) throws IOException {
        Path file = folder.resolve(UID_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String uid = Files.readString(file, StandardCharsets.UTF_8).strip();
        return uid.isEmpty() ? Optional.empty() : Optional.of(uid);
    }

    /** The run's id in the store ({@code tagbench runs show ID}). */
    public long id() {
        return id;
    }

    /** The run folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Records the network and data the run trains (the dataset's fingerprint among them), once they are built and
     * before the first step.
     */
    public void built(ModelRecord model, String backend, int cores, String datasetRoot,
                      DatasetFingerprint fingerprint, Map<String, Integer> tracks) {
        write(c -> {
            RunRows.built(c, id, model, backend, cores, datasetRoot, fingerprint, tracks);
            return null;
        });
    }

    /** Makes the run's epochs those of the checkpoint a resumed run goes on from. */
    public void resumedAfter(List<EpochRecord> epochs) {
        write(c -> {
            RunRows.epochs(c, id, epochs);
            return null;
        });
    }

    @Override
    public void epochEnded(EpochRecord epoch) {
        write(c -> {
            RunRows.epoch(c, id, epoch);
            beat(c);
            return null;
        });
    }

    /** Marks the run finished with its record and registers {@code artifacts}. */
    public void finished(RunRecord record, List<Artifact> artifacts) {
        write(c -> {
            RunRows.finished(c, id, record, artifacts);
            return null;
        });
    }

    /** Marks the run failed with {@code error}'s one-line message; a failure to do so is only logged. */
    public void failed(Throwable error) {
        String line = oneLine(error);
        try {
            write(c -> ended(c, RunRows.FAILED, line));
        } catch (StoreException alsoFailed) {
            LOG.warn("could not mark run {} failed: {}", id, alsoFailed.getMessage());
        }
    }

    /** Marks the run interrupted (SIGINT, SIGTERM) unless it already ended. */
    public void interrupted() {
        try {
            store.transaction(c -> ended(c, RunRows.INTERRUPTED, null));
        } catch (StoreException alsoFailed) {
            LOG.warn("could not mark run {} interrupted: {}", id, alsoFailed.getMessage());
        }
    }

    private Void ended(Connection c, String status, String error) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET status = ?, error = ?, ended_ms = "
                + store.now() + " WHERE id = ? AND status = ?")) {
            update.setString(1, status);
            update.setString(2, error);
            update.setLong(3, id);
            update.setString(4, RunRows.RUNNING);
            update.executeUpdate();
        }
        return null;
    }

    /**
     * Seconds the training thread spent writing to the store, and how many writes, from the row's insertion (and the
     * folder's lock) on.
     */
    public String cost() {
        return String.format(Locale.ROOT, "%d writes, %.3f s", writes, storeNanos / 1e9);
    }

    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        lock.close();
    }

    private <T> T write(ResultsStore.Work<T> work) {
        long start = System.nanoTime();
        try {
            return store.transaction(work);
        } finally {
            storeNanos += System.nanoTime() - start;
            writes++;
        }
    }

    private void beat() {
        try {
            store.transaction(c -> {
                beat(c);
                return null;
            });
        } catch (RuntimeException e) {
            // The next epoch's write reports a store that stays unreachable; a missed beat only ages the heartbeat.
            LOG.debug("heartbeat of run {} not written: {}", id, e.getMessage());
        }
    }

    private void beat(Connection c) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET heartbeat_ms = " + store.now()
                + " WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    /** The first line of the first message in {@code error}'s chain. */
    public static String oneLine(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage().lines().findFirst().orElse("").strip();
            }
        }
        return error.getClass().getSimpleName();
    }
}
