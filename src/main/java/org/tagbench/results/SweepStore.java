package org.tagbench.results;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sweeps of a results store: a sweep's cells recorded once, claimed by one worker at a time, linked to their run
 * and ended. Each method is one transaction. A claim is PostgreSQL's {@code SELECT ... FOR UPDATE SKIP LOCKED} then
 * an {@code UPDATE}; on SQLite the transaction holds the file's write lock from its first statement
 * ({@code BEGIN IMMEDIATE}) and the {@code UPDATE} is conditional. A claimed cell's worker beats it from the claim
 * to the cell's end; a cell silent for three of its heartbeat intervals is claimed again.
 */
public final class SweepStore {
    /** Heartbeat intervals after which a claimed cell's worker counts as dead, as a running run counts as stale. */
    public static final int GRACE_BEATS = 3;
    private static final String PENDING = "pending";
    private static final String CLAIMED = "claimed";
    private static final String FINISHED = "finished";
    private static final String FAILED = "failed";

    private final ResultsStore store;

    /** The sweeps of {@code store}. */
    public SweepStore(ResultsStore store) {
        this.store = store;
    }

    /** This process as a worker: host and pid. */
    public static String worker() {
        return Host.process();
    }

    /** The result of recording a sweep: its id, each given cell's number, and how many cells were new. */
    public record Recording(long sweepId, List<Integer> cells, int added) {
        public Recording {
            cells = List.copyOf(cells);
        }
    }

    /**
     * Records the sweep {@code name} with its experiment file's {@code text}, its {@code grid} (JSON) and
     * {@code cells}: a new sweep with all of them, else the sweep found by name with the cells it lacks (by experiment
     * key) added after its own. Recording the same cells again changes nothing.
     */
    public Recording record(String name, String text, String grid, List<SweepCellSpec> cells) {
        return store.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sweeps (name, file, grid, created_ms,"
                    + " updated_ms) VALUES (?, ?, ?, " + store.now() + ", " + store.now() + ") ON CONFLICT (name)"
                    + " DO NOTHING")) {
                insert.setString(1, name);
                insert.setString(2, text);
                insert.setString(3, grid);
                insert.executeUpdate();
            }
            long id;
            // Locked, so that two workers recording one sweep at once number its new cells one after the other.
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM sweeps WHERE name = ?"
                    + store.database().forUpdate())) {
                find.setString(1, name);
                try (ResultSet row = find.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
            }
            Map<String, Integer> known = new HashMap<>();
            int last = 0;
            try (PreparedStatement cellsOf = c.prepareStatement("SELECT cell, experiment_key FROM sweep_cells"
                    + " WHERE sweep_id = ?")) {
                cellsOf.setLong(1, id);
                try (ResultSet row = cellsOf.executeQuery()) {
                    while (row.next()) {
                        known.put(row.getString(2), row.getInt(1));
                        last = Math.max(last, row.getInt(1));
                    }
                }
            }
            List<Integer> numbers = new ArrayList<>();
            int added = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sweep_cells (sweep_id, cell, overrides,"
                    + " experiment_key, status, heartbeat_seconds, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
                for (SweepCellSpec cell : cells) {
                    Integer number = known.get(cell.experimentKey());
                    if (number == null) {
                        number = ++last;
                        known.put(cell.experimentKey(), number);
                        insert.setLong(1, id);
                        insert.setInt(2, number);
                        insert.setString(3, cell.overrides());
                        insert.setString(4, cell.experimentKey());
                        insert.setString(5, PENDING);
                        insert.setInt(6, cell.heartbeatSeconds());
                        insert.addBatch();
                        added++;
                    }
                    numbers.add(number);
                }
                insert.executeBatch();
            }
            if (added > 0) {
                try (PreparedStatement update = c.prepareStatement("UPDATE sweeps SET file = ?, grid = ?,"
                        + " updated_ms = " + store.now() + " WHERE id = ?")) {
                    update.setString(1, text);
                    update.setString(2, grid);
                    update.setLong(3, id);
                    update.executeUpdate();
                }
            }
            return new Recording(id, numbers, added);
        });
    }

    /** A claimed cell: its number, the run an earlier claim left (null if none), and how often it was claimed. */
    public record Claim(int cell, Long runId, int attempts) {
    }

    /**
     * Claims for {@code worker} the first of {@code cells} of sweep {@code sweepId} that is pending, or claimed by a
     * worker whose heartbeat is older than the grace period; empty when there is none.
     */
    public Optional<Claim> claim(long sweepId, Collection<Integer> cells, String worker) {
        String claimable = " AND (status = '" + PENDING + "' OR (status = '" + CLAIMED + "' AND heartbeat_ms < "
                + store.now() + " - " + GRACE_BEATS * 1000 + " * heartbeat_seconds))";
        return store.transaction(c -> {
            Claim found;
            try (PreparedStatement select = c.prepareStatement("SELECT cell, run_id, attempts FROM sweep_cells"
                    + " WHERE sweep_id = ? AND cell IN (" + in(cells) + ")" + claimable + " ORDER BY cell LIMIT 1"
                    + store.database().forUpdateSkipLocked())) {
                select.setLong(1, sweepId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    long run = row.getLong(2);
                    Long runId = row.wasNull() ? null : run;
                    found = new Claim(row.getInt(1), runId, row.getInt(3) + 1);
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE sweep_cells SET status = '" + CLAIMED + "',"
                    + " worker = ?, host = ?, claimed_ms = " + store.now() + ", heartbeat_ms = " + store.now() + ","
                    + " attempts = attempts + 1, error = NULL WHERE sweep_id = ? AND cell = ?" + claimable)) {
                update.setString(1, worker);
                update.setString(2, Host.name());
                update.setLong(3, sweepId);
                update.setInt(4, found.cell());
                return update.executeUpdate() == 1 ? Optional.of(found) : Optional.empty();
            }
        });
    }

    /** How many of {@code cells} are claimed (live or not), which a worker without a claim waits for. */
    public int claimed(long sweepId, Collection<Integer> cells) {
        return store.transaction(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM sweep_cells WHERE sweep_id = ?"
                    + " AND status = '" + CLAIMED + "' AND cell IN (" + in(cells) + ")")) {
                count.setLong(1, sweepId);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /**
     * The heartbeat of a cell {@code worker} holds: now, and the next due within {@code heartbeatSeconds}; nothing if
     * another worker has taken the cell over.
     */
    public void beat(long sweepId, int cell, String worker, int heartbeatSeconds) {
        update("UPDATE sweep_cells SET heartbeat_ms = " + store.now() + ", heartbeat_seconds = ? WHERE sweep_id = ?"
                + " AND cell = ? AND worker = ? AND status = '" + CLAIMED + "'", heartbeatSeconds, sweepId, cell,
                worker);
    }

    /** Links the cell to run {@code runId}, whose row now exists, so that a worker taking the cell over finds it. */
    public void started(long sweepId, int cell, long runId) {
        update("UPDATE sweep_cells SET run_id = ? WHERE sweep_id = ? AND cell = ?", runId, sweepId, cell);
    }

    /** Marks the cell finished by run {@code runId}. */
    public void finished(long sweepId, int cell, long runId) {
        update("UPDATE sweep_cells SET status = '" + FINISHED + "', run_id = ?, error = NULL WHERE sweep_id = ?"
                + " AND cell = ?", runId, sweepId, cell);
    }

    /** Marks the cell failed with {@code error}, unless another worker has claimed it since {@code worker} did. */
    public void failed(long sweepId, int cell, String worker, String error) {
        update("UPDATE sweep_cells SET status = '" + FAILED + "', error = ? WHERE sweep_id = ? AND cell = ?"
                + " AND worker = ? AND status = '" + CLAIMED + "'", error, sweepId, cell, worker);
    }

    /** Gives the cell back (its worker was stopped): pending, its run kept, so that the next claim resumes it. */
    public void release(long sweepId, int cell, String worker) {
        update("UPDATE sweep_cells SET status = '" + PENDING + "' WHERE sweep_id = ? AND cell = ? AND worker = ?"
                + " AND status = '" + CLAIMED + "'", sweepId, cell, worker);
    }

    /** Makes the failed ones of {@code cells} pending again; returns how many. */
    public int retryFailed(long sweepId, Collection<Integer> cells) {
        return update("UPDATE sweep_cells SET status = '" + PENDING + "' WHERE sweep_id = ? AND status = '" + FAILED
                + "' AND cell IN (" + in(cells) + ")", sweepId);
    }

    /** The sweep named {@code name}'s id, if the store has it. */
    public Optional<Long> id(String name) {
        return store.transaction(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM sweeps WHERE name = ?")) {
                find.setString(1, name);
                try (ResultSet row = find.executeQuery()) {
                    return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every cell of sweep {@code sweepId}, by number, with its run's test ROC-AUC and time once it has them. */
    public List<SweepCellState> cells(long sweepId) {
        return store.transaction(c -> {
            List<SweepCellState> cells = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT s.cell, s.overrides, s.experiment_key, CASE"
                    + " WHEN s.status = '" + CLAIMED + "' AND s.heartbeat_ms < " + store.now() + " - "
                    + GRACE_BEATS * 1000 + " * s.heartbeat_seconds THEN 'stale' ELSE s.status END AS shown, s.worker,"
                    + " s.run_id, s.attempts, s.error, r.test_roc_auc, (r.ended_ms - r.started_ms) / 1000.0 AS seconds"
                    + " FROM sweep_cells s LEFT JOIN runs r ON r.id = s.run_id WHERE s.sweep_id = ? ORDER BY s.cell")) {
                query.setLong(1, sweepId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        long run = row.getLong("run_id");
                        Long runId = row.wasNull() ? null : run;
                        cells.add(new SweepCellState(row.getInt("cell"), row.getString("overrides"),
                                row.getString("experiment_key"), row.getString("shown"), row.getString("worker"),
                                runId, row.getInt("attempts"), row.getString("error"),
                                RunRows.getDouble(row, "test_roc_auc"), RunRows.getDouble(row, "seconds")));
                    }
                }
            }
            return cells;
        });
    }

    /** Where a run stands: its status as stored and its folder (on the host that trained it). */
    public record RunPlace(String status, Path folder) {
        /** Whether the run finished. */
        public boolean finished() {
            return FINISHED.equals(status);
        }
    }

    /** Run {@code runId}'s status and folder, if the store has it. */
    public Optional<RunPlace> run(long runId) {
        return store.transaction(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT status, folder FROM runs WHERE id = ?")) {
                find.setLong(1, runId);
                try (ResultSet row = find.executeQuery()) {
                    return row.next() ? Optional.of(new RunPlace(row.getString(1), Path.of(row.getString(2))))
                            : Optional.empty();
                }
            }
        });
    }

    private int update(String sql, Object... args) {
        return store.transaction(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    update.setObject(i + 1, args[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    /** {@code cells} as an SQL list of numbers (integers, so nothing to escape). */
    private static String in(Collection<Integer> cells) {
        return cells.isEmpty() ? "NULL" : cells.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
