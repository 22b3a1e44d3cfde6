package org.tagbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tagbench.config.ConfigLoader;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.LabelRanking;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TagScore;
import org.tagbench.train.EpochRecord;

/**
 * The SQL that writes a run's rows, shared by a live run ({@link RunLog}) and an import ({@link RunImport}); each
 * method works inside its caller's transaction. A NaN (an undefined metric) is written as NULL.
 */
final class RunRows {
    /** The status of a run a process is training. */
    static final String RUNNING = "running";
    static final String FINISHED = "finished";
    static final String FAILED = "failed";
    static final String INTERRUPTED = "interrupted";
    static final String TEST = "test";

    private RunRows() {
    }

    /** Inserts the run's row with {@code status} and its config keys; returns its id. */
    static long insert(Connection c, String now, RunStart start, String status, int heartbeatSeconds)
            throws SQLException {
        long id;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs (uid, experiment, run_name, folder, config,"
                + " experiment_key, config_hash, arch, budget, engine, seed, dataset, tagbench_version, git_commit,"
                + " dependencies, java_version, os, host, owner, status, created_ms, started_ms, heartbeat_ms,"
                + " heartbeat_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + now
                + ", ?, " + now + ", ?) RETURNING id")) {
            int i = 0;
            insert.setString(++i, start.uid());
            insert.setString(++i, start.config().name());
            insert.setString(++i, start.runName());
            insert.setString(++i, start.folder().toAbsolutePath().toString());
            insert.setString(++i, start.configJson());
            insert.setString(++i, ConfigLoader.experimentKey(start.config()));
            insert.setString(++i, ConfigLoader.hash(start.config()));
            insert.setString(++i, start.config().model().arch().configName());
            insert.setLong(++i, start.config().model().params());
            insert.setString(++i, start.config().training().engine().configName());
            insert.setLong(++i, start.config().seed());
            insert.setString(++i, start.config().data().dataset());
            insert.setString(++i, start.tagbenchVersion());
            insert.setString(++i, start.gitCommit());
            insert.setString(++i, StoreJson.write(start.dependencies()));
            insert.setString(++i, start.javaVersion());
            insert.setString(++i, start.os());
            insert.setString(++i, start.host());
            insert.setString(++i, Host.process());
            insert.setString(++i, status);
            insert.setLong(++i, start.started().toEpochMilli());
            insert.setInt(++i, heartbeatSeconds);
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                id = key.getLong(1);
            }
        }
        try (PreparedStatement param = c.prepareStatement(
                "INSERT INTO run_params (run_id, name, value, number) VALUES (?, ?, ?, ?)")) {
            addParams(param, id, "", StoreJson.MAPPER.readTree(start.configJson()));
            param.executeBatch();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a canonical config is JSON", e);
        }
        return id;
    }

    /** The id of the run with {@code uid}, if the store has it. */
    static Optional<Long> byUid(Connection c, String uid) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM runs WHERE uid = ?")) {
            find.setString(1, uid);
            try (ResultSet found = find.executeQuery()) {
                return found.next() ? Optional.of(found.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Inserts one {@code run_params} row per scalar of the config {@code config}, by dotted path. */
    static void params(Connection c, long id, JsonNode config) throws SQLException {
        try (PreparedStatement param = c.prepareStatement(
                "INSERT INTO run_params (run_id, name, value, number) VALUES (?, ?, ?, ?)")) {
            addParams(param, id, "", config);
            param.executeBatch();
        }
    }

    /** One batched row per scalar of {@code node}, by dotted path under {@code prefix}. */
    private static void addParams(PreparedStatement param, long id, String prefix, JsonNode node)
            throws SQLException {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                addParams(param, id, prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue());
            }
            return;
        }
        param.setLong(1, id);
        param.setString(2, prefix);
        param.setString(3, node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString());
        setDouble(param, 4, node.isNumber() ? node.asDouble() : Double.NaN);
        param.addBatch();
    }

    /**
     * Sets the network and data facts known once the network is built; {@code fingerprint} (null in records made
     * before runs kept one) is stored as its overall hash.
     */
    static void built(Connection c, long id, ModelRecord model, String backend, int cores, String datasetRoot,
                      DatasetFingerprint fingerprint, Map<String, Integer> tracks) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET params = ?, widths = ?, backend = ?,"
                + " cores = ?, dataset_root = ?, dataset_fingerprint = ?, tracks = ? WHERE id = ?")) {
            update.setLong(1, model.params());
            update.setString(2, StoreJson.write(model.widths()));
            update.setString(3, backend);
            update.setInt(4, cores);
            update.setString(5, datasetRoot);
            update.setString(6, fingerprint == null ? null : fingerprint.dataset());
            update.setString(7, StoreJson.write(tracks));
            update.setLong(8, id);
            update.executeUpdate();
        }
    }

    /** Adds (or replaces) one epoch's row. */
    static void epoch(Connection c, long id, EpochRecord epoch) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM epochs WHERE run_id = ? AND epoch = ?")) {
            delete.setLong(1, id);
            delete.setInt(2, epoch.epoch());
            delete.executeUpdate();
        }
        insertEpochs(c, id, List.of(epoch));
    }

    /** Replaces the run's epochs by {@code epochs}, those its checkpoint or record holds. */
    static void epochs(Connection c, long id, List<EpochRecord> epochs) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM epochs WHERE run_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        insertEpochs(c, id, epochs);
    }

    private static void insertEpochs(Connection c, long id, List<EpochRecord> epochs) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO epochs (run_id, epoch, train_loss, valid_loss,"
                + " valid_roc_auc, valid_pr_auc, lr, seconds, clips_per_second) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EpochRecord e : epochs) {
                insert.setLong(1, id);
                insert.setInt(2, e.epoch());
                setDouble(insert, 3, e.trainLoss());
                setDouble(insert, 4, e.validLoss());
                setDouble(insert, 5, e.validRocAuc());
                setDouble(insert, 6, e.validPrAuc());
                setDouble(insert, 7, e.lr());
                setDouble(insert, 8, e.seconds());
                setDouble(insert, 9, e.clipsPerSecond());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Marks the run finished with everything its record holds: model and data facts, epochs, the test metrics per tag
     * and their means, resumptions, and {@code artifacts}.
     */
    static void finished(Connection c, long id, RunRecord record, List<Artifact> artifacts) throws SQLException {
        Provenance p = record.provenance();
        built(c, id, record.model(), p.backend(), p.cores(), p.datasetRoot(), p.datasetFingerprint(),
                p.tracksPerSplit());
        epochs(c, id, record.training().epochs());
        TagMetrics test = record.test();
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET status = ?, ended_ms = ?,"
                + " training_seconds = ?, best_epoch = ?, test_roc_auc = ?, test_pr_auc = ?, test_roc_auc_micro = ?,"
                + " test_pr_auc_micro = ?, test_tracks = ?, skipped = ?, resumptions = ?, error = NULL"
                + " WHERE id = ?")) {
            int i = 0;
            update.setString(++i, FINISHED);
            update.setLong(++i, p.finished().toEpochMilli());
            setDouble(update, ++i, record.training().epochs().stream().mapToDouble(EpochRecord::seconds).sum());
            update.setInt(++i, record.training().bestEpoch());
            setDouble(update, ++i, test.rocAucMacro());
            setDouble(update, ++i, test.prAucMacro());
            setDouble(update, ++i, test.rocAucMicro());
            setDouble(update, ++i, test.prAucMicro());
            update.setInt(++i, test.tracks());
            update.setString(++i, StoreJson.write(p.skippedPerSplit()));
            update.setString(++i, StoreJson.write(p.resumptions()));
            update.setLong(++i, id);
            update.executeUpdate();
        }
        tagMetrics(c, id, TEST, test);
        taskMetrics(c, id, record.testRanking(), record.testClasses());
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM artifacts WHERE run_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        for (Artifact artifact : artifacts) {
            artifact(c, id, artifact);
        }
    }

    /**
     * Sets the run's test LRAP and lwlrap ({@code ranking}, a multilabel run's) or its accuracy, balanced accuracy,
     * macro F1 and confusion matrix ({@code classes}, a multiclass run's); what is null stays NULL.
     */
    static void taskMetrics(Connection c, long id, LabelRanking ranking, ClassMetrics classes) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET test_lrap = ?, test_lwlrap = ?,"
                + " test_accuracy = ?, test_balanced_accuracy = ?, test_macro_f1 = ?, test_classes = ? WHERE id = ?")) {
            setDouble(update, 1, ranking == null ? Double.NaN : ranking.lrap());
            setDouble(update, 2, ranking == null ? Double.NaN : ranking.lwlrap());
            setDouble(update, 3, classes == null ? Double.NaN : classes.accuracy());
            setDouble(update, 4, classes == null ? Double.NaN : classes.balancedAccuracy());
            setDouble(update, 5, classes == null ? Double.NaN : classes.macroF1());
            update.setString(6, classes == null ? null : StoreJson.write(classes));
            update.setLong(7, id);
            update.executeUpdate();
        }
    }

    /** Replaces the run's per-tag metrics of {@code split}. */
    static void tagMetrics(Connection c, long id, String split, TagMetrics metrics) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM tag_metrics WHERE run_id = ? AND split = ?")) {
            delete.setLong(1, id);
            delete.setString(2, split);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO tag_metrics (run_id, split, position, tag,"
                + " positives, roc_auc, pr_auc) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            List<TagScore> tags = metrics.perTag();
            for (int j = 0; j < tags.size(); j++) {
                insert.setLong(1, id);
                insert.setString(2, split);
                insert.setInt(3, j);
                insert.setString(4, tags.get(j).tag());
                insert.setInt(5, tags.get(j).positives());
                setDouble(insert, 6, tags.get(j).rocAuc());
                setDouble(insert, 7, tags.get(j).prAuc());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Registers (or re-registers) one file of the run. */
    static void artifact(Connection c, long id, Artifact artifact) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM artifacts WHERE run_id = ? AND path = ?")) {
            delete.setLong(1, id);
            delete.setString(2, artifact.path());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO artifacts (run_id, path, kind, bytes, sha256) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, artifact.path());
            insert.setString(3, artifact.kind());
            insert.setLong(4, artifact.bytes());
            insert.setString(5, artifact.sha256());
            insert.executeUpdate();
        }
    }

    /** Binds {@code value}, NaN as NULL (SQLite would turn it into NULL anyway; PostgreSQL would keep NaN). */
    static void setDouble(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** A NULL column as NaN. */
    static double getDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }
}
