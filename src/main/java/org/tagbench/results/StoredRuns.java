package org.tagbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading and removing the runs of a store: the list behind {@code tagbench runs}, one run whole, removal. */
public final class StoredRuns {
    /** Columns holding JSON text, shown as JSON. */
    private static final Set<String> JSON_COLUMNS = Set.of("config", "widths", "tracks", "skipped", "dependencies",
            "resumptions", "test_classes");

    private final ResultsStore store;

    /** The runs of {@code store}. */
    public StoredRuns(ResultsStore store) {
        this.store = store;
    }

    /** The runs that {@code filter} selects, by id. */
    public List<RunSummary> list(RunFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = filter.sql(store.now(), args);
        return store.transaction(c -> {
            List<RunSummary> runs = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT r.id, r.experiment, r.run_name, r.arch, r.budget,"
                    + " r.params, r.engine, r.seed, " + status() + " AS shown_status, r.best_epoch, r.test_roc_auc,"
                    + " r.test_pr_auc, r.training_seconds FROM runs r WHERE " + where + " ORDER BY r.id")) {
                bind(query, args);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        runs.add(new RunSummary(row.getLong("id"), row.getString("experiment"),
                                row.getString("run_name"), row.getString("arch"), row.getLong("budget"),
                                nullable(row, "params"), row.getString("engine"), row.getLong("seed"),
                                row.getString("shown_status"), nullableInt(row, "best_epoch"),
                                RunRows.getDouble(row, "test_roc_auc"), RunRows.getDouble(row, "test_pr_auc"),
                                RunRows.getDouble(row, "training_seconds")));
                    }
                }
            }
            return runs;
        });
    }

    /**
     * Run {@code id} whole, as JSON: its columns (JSON columns as JSON, {@code status} {@code stale} when its heartbeat
     * is old), {@code epochs}, {@code tag_metrics} per split and {@code artifacts}; empty when there is no such run.
     */
    public Optional<ObjectNode> show(long id) {
        return store.transaction(c -> {
            ObjectNode run;
            try (PreparedStatement query = c.prepareStatement("SELECT r.*, " + status()
                    + " AS shown_status FROM runs r WHERE r.id = ?")) {
                query.setLong(1, id);
                List<ObjectNode> rows = rows(query);
                if (rows.isEmpty()) {
                    return Optional.empty();
                }
                run = rows.get(0);
            }
            run.set("status", run.remove("shown_status"));
            run.set("epochs", array(c, "SELECT epoch, train_loss, valid_loss, valid_roc_auc, valid_pr_auc, lr, seconds,"
                    + " clips_per_second FROM epochs WHERE run_id = ? ORDER BY epoch", id));
            run.set("tag_metrics", array(c, "SELECT split, position, tag, positives, roc_auc, pr_auc FROM tag_metrics"
                    + " WHERE run_id = ? ORDER BY split, position", id));
            run.set("artifacts", array(c, "SELECT path, kind, bytes, sha256 FROM artifacts WHERE run_id = ?"
                    + " ORDER BY path", id));
            return Optional.of(run);
        });
    }

    /** Removes run {@code id} and everything the store holds of it (not its folder); false when there is none. */
    public boolean remove(long id) {
        return store.transaction(c -> {
            for (String table : List.of("run_params", "epochs", "tag_metrics", "artifacts")) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** The status to show: {@code stale} for a running row without a heartbeat in its last three intervals. */
    private String status() {
        return "CASE WHEN r.status = 'running' AND r.heartbeat_ms < " + store.now()
                + " - 3000 * r.heartbeat_seconds THEN 'stale' ELSE r.status END";
    }

    private static ArrayNode array(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, id);
            ArrayNode array = StoreJson.MAPPER.createArrayNode();
            rows(query).forEach(array::add);
            return array;
        }
    }

    private static List<ObjectNode> rows(PreparedStatement query) throws SQLException {
        List<ObjectNode> rows = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            ResultSetMetaData meta = row.getMetaData();
            while (row.next()) {
                ObjectNode node = StoreJson.MAPPER.createObjectNode();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                    Object value = row.getObject(i);
                    if (value == null) {
                        node.putNull(name);
                    } else if (value instanceof Number number) {
                        node.set(name, number(number, meta.getColumnType(i)));
                    } else if (JSON_COLUMNS.contains(name)) {
                        node.set(name, parse(value.toString()));
                    } else {
                        node.put(name, value.toString());
                    }
                }
                rows.add(node);
            }
        }
        return rows;
    }

    private static JsonNode number(Number value, int type) {
        boolean fraction = type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL
                || value instanceof Double || value instanceof Float;
        return fraction ? StoreJson.MAPPER.getNodeFactory().numberNode(value.doubleValue())
                : StoreJson.MAPPER.getNodeFactory().numberNode(value.longValue());
    }

    private static JsonNode parse(String json) {
        try {
            return StoreJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return StoreJson.MAPPER.getNodeFactory().textNode(json);
        }
    }

    private static void bind(PreparedStatement query, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            query.setObject(i + 1, args.get(i));
        }
    }

    private static Long nullable(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
