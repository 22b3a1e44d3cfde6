package org.tagbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tagbench.metrics.TagMetrics;

/** The {@code robustness} table: a run's metrics under perturbations, written whole, replacing earlier ones. */
public final class RobustnessResults {
    private final ResultsStore store;

    /** The robustness results of {@code store}. */
    public RobustnessResults(ResultsStore store) {
        this.store = store;
    }

    /** The store id of the run in {@code folder} (by its {@code run.uid}), if the store holds it. */
    public Optional<Long> runOf(Path folder) throws IOException {
        Optional<String> uid = RunLog.uid(folder);
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        return store.transaction(c -> single(c, "SELECT id FROM runs WHERE uid = ?", uid.get()));
    }

    /** The store id of the run whose folder was named {@code runName} (a bundle's provenance), if exactly one is. */
    public Optional<Long> runNamed(String runName) {
        return store.transaction(c -> single(c, "SELECT id FROM runs WHERE run_name = ?", runName));
    }

    /** Replaces run {@code runId}'s rows by {@code rows}, evaluated with noise seed {@code seed}, in one transaction. */
    public void record(long runId, long seed, List<RobustnessRow> rows) {
        store.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM robustness WHERE run_id = ?")) {
                delete.setLong(1, runId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO robustness (run_id, perturbation,"
                    + " parameter, strength, position, seed, roc_auc, pr_auc, roc_auc_micro, pr_auc_micro, tracks,"
                    + " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + store.now() + ")")) {
                for (int i = 0; i < rows.size(); i++) {
                    RobustnessRow row = rows.get(i);
                    TagMetrics m = row.metrics();
                    insert.setLong(1, runId);
                    insert.setString(2, row.perturbation());
                    insert.setString(3, row.parameter());
                    RunRows.setDouble(insert, 4, row.strength());
                    insert.setInt(5, i);
                    insert.setLong(6, seed);
                    RunRows.setDouble(insert, 7, m.rocAucMacro());
                    RunRows.setDouble(insert, 8, m.prAucMacro());
                    RunRows.setDouble(insert, 9, m.rocAucMicro());
                    RunRows.setDouble(insert, 10, m.prAucMicro());
                    insert.setInt(11, m.tracks());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * Run {@code runId}'s rows in table order, with the summary metrics only (no per-tag scores): perturbation,
     * parameter, strength, macro and micro ROC-AUC and PR-AUC, tracks.
     */
    public List<RobustnessRow> of(long runId) {
        return store.transaction(c -> {
            List<RobustnessRow> rows = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT * FROM robustness WHERE run_id = ?"
                    + " ORDER BY position")) {
                query.setLong(1, runId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        rows.add(new RobustnessRow(row.getString("perturbation"), row.getString("parameter"),
                                RunRows.getDouble(row, "strength"), new TagMetrics(List.of(),
                                RunRows.getDouble(row, "roc_auc"), RunRows.getDouble(row, "pr_auc"),
                                RunRows.getDouble(row, "roc_auc_micro"), RunRows.getDouble(row, "pr_auc_micro"),
                                row.getInt("tracks"))));
                    }
                }
            }
            return rows;
        });
    }

    private static Optional<Long> single(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet row = query.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
                return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
            }
        }
    }
}
