package org.tagbench.results;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.ConfigException;
import org.tagbench.metrics.TagScore;
import org.tagbench.train.EpochRecord;

/** The finished runs a comparison reads: those of an experiment, or runs named by id. */
public final class FinishedRuns {
    private static final String COLUMNS = "r.id, r.experiment, r.arch, r.budget, r.params, r.seed,"
            + " r.dataset_fingerprint, r.folder, r.training_seconds, r.best_epoch, r.test_roc_auc, r.test_pr_auc";
    private final ResultsStore store;

    /** The finished runs of {@code store}. */
    public FinishedRuns(ResultsStore store) {
        this.store = store;
    }

    /** The finished runs of experiment {@code experiment} (its name or key), by id; none is an error. */
    public List<FinishedRun> ofExperiment(String experiment) {
        List<FinishedRun> runs = store.transaction(c -> rows(c, "SELECT " + COLUMNS + " FROM runs r WHERE r.status = ?"
                + " AND (r.experiment = ? OR r.experiment_key = ?) ORDER BY r.id", row -> run(c, row),
                RunRows.FINISHED, experiment, experiment));
        if (runs.isEmpty()) {
            throw new ConfigException("--experiment", experiment + " has no finished runs in " + store.url()
                    + " (expected an experiment name or key that `tagbench runs --status finished` lists)");
        }
        return runs;
    }

    /** Runs {@code ids}, in that order; an id that is not a run, or not a finished one, is an error naming it. */
    public List<FinishedRun> byIds(List<Long> ids) {
        return store.transaction(c -> {
            List<FinishedRun> found = new ArrayList<>();
            for (long id : ids) {
                try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + ", r.status FROM runs r"
                        + " WHERE r.id = ?")) {
                    query.setLong(1, id);
                    try (ResultSet row = query.executeQuery()) {
                        if (!row.next()) {
                            throw new ConfigException("RUN_ID", id + " is not a run of " + store.url()
                                    + " (expected an id that `tagbench runs` lists)");
                        }
                        if (!RunRows.FINISHED.equals(row.getString("status"))) {
                            throw new ConfigException("RUN_ID", "run " + id + " is " + row.getString("status")
                                    + " (expected a finished run)");
                        }
                        found.add(run(c, row));
                    }
                }
            }
            return found;
        });
    }

    private static FinishedRun run(Connection c, ResultSet row) throws SQLException {
        long id = row.getLong("id");
        return new FinishedRun(id, row.getString("experiment"), row.getString("arch"), row.getLong("budget"),
                row.getLong("params"), row.getLong("seed"), row.getString("dataset_fingerprint"),
                Path.of(row.getString("folder")), RunRows.getDouble(row, "training_seconds"), row.getInt("best_epoch"),
                RunRows.getDouble(row, "test_roc_auc"), RunRows.getDouble(row, "test_pr_auc"), epochs(c, id),
                testTags(c, id), artifacts(c, id));
    }

    private static List<EpochRecord> epochs(Connection c, long id) throws SQLException {
        return rows(c, "SELECT * FROM epochs WHERE run_id = ? ORDER BY epoch", row -> new EpochRecord(
                row.getInt("epoch"), RunRows.getDouble(row, "train_loss"), RunRows.getDouble(row, "valid_loss"),
                RunRows.getDouble(row, "valid_roc_auc"), RunRows.getDouble(row, "valid_pr_auc"),
                RunRows.getDouble(row, "lr"), RunRows.getDouble(row, "seconds"),
                RunRows.getDouble(row, "clips_per_second")), id);
    }

    private static List<TagScore> testTags(Connection c, long id) throws SQLException {
        return rows(c, "SELECT tag, positives, roc_auc, pr_auc FROM tag_metrics WHERE run_id = ? AND split = ?"
                + " ORDER BY position", row -> new TagScore(row.getString("tag"), row.getInt("positives"),
                RunRows.getDouble(row, "roc_auc"), RunRows.getDouble(row, "pr_auc")), id, RunRows.TEST);
    }

    private static List<Artifact> artifacts(Connection c, long id) throws SQLException {
        return rows(c, "SELECT path, kind, bytes, sha256 FROM artifacts WHERE run_id = ? ORDER BY path",
                row -> new Artifact(row.getString("path"), row.getString("kind"), row.getLong("bytes"),
                        row.getString("sha256")), id);
    }

    /** One row of a result set as a value. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row of {@code sql} with {@code parameters} bound in order, read by {@code reader}. */
    private static <T> List<T> rows(Connection c, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
        }
        return rows;
    }
}
