package org.tagbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.tagbench.experiment.Versions;

/** Records finished probes in the store, each as one finished row of {@code runs} (kind {@code probe}). */
public final class StoredProbes {
    private final ResultsStore store;

    /** The probes of {@code store}. */
    public StoredProbes(ResultsStore store) {
        this.store = store;
    }

    /**
     * Inserts {@code probe} whole (its row, config keys, test metrics per tag and of its task, files) in one
     * transaction; its id.
     */
    public long record(ProbeRecord probe) {
        return store.transaction(c -> {
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs (uid, kind, experiment, run_name,"
                    + " folder, config, experiment_key, config_hash, arch, budget, params, engine, seed, dataset,"
                    + " dataset_root, dataset_fingerprint, tracks, tagbench_version, git_commit, dependencies,"
                    + " java_version, os, cores, host, owner, status, created_ms, started_ms, ended_ms, heartbeat_ms,"
                    + " heartbeat_seconds, training_seconds, test_roc_auc, test_pr_auc, test_roc_auc_micro,"
                    + " test_pr_auc_micro, test_tracks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, " + store.now() + ", ?, ?, " + store.now() + ", ?, ?, ?, ?, ?, ?, ?)"
                    + " RETURNING id")) {
                int i = 0;
                insert.setString(++i, probe.uid());
                insert.setString(++i, ProbeRecord.KIND);
                insert.setString(++i, probe.experiment());
                insert.setString(++i, probe.runName());
                insert.setString(++i, probe.folder().toAbsolutePath().toString());
                insert.setString(++i, probe.config());
                insert.setString(++i, probe.experimentKey());
                insert.setString(++i, probe.configHash());
                insert.setString(++i, probe.arch());
                insert.setLong(++i, probe.params());
                insert.setLong(++i, probe.params());
                insert.setString(++i, probe.engine());
                insert.setLong(++i, probe.seed());
                insert.setString(++i, probe.dataset());
                insert.setString(++i, probe.datasetRoot());
                insert.setString(++i, probe.fingerprint().dataset());
                insert.setString(++i, StoreJson.write(probe.tracks()));
                insert.setString(++i, Versions.tagbench());
                insert.setString(++i, Versions.gitCommit());
                insert.setString(++i, StoreJson.write(Versions.dependencies()));
                insert.setString(++i, System.getProperty("java.version"));
                insert.setString(++i, System.getProperty("os.name") + " " + System.getProperty("os.arch"));
                insert.setInt(++i, Runtime.getRuntime().availableProcessors());
                insert.setString(++i, Host.name());
                insert.setString(++i, Host.process());
                insert.setString(++i, RunRows.FINISHED);
                insert.setLong(++i, probe.started().toEpochMilli());
                insert.setLong(++i, probe.finished().toEpochMilli());
                // A probe has no heartbeat to beat: it is recorded once, finished.
                insert.setInt(++i, 1);
                RunRows.setDouble(insert, ++i, (probe.finished().toEpochMilli() - probe.started().toEpochMilli())
                        / 1000.0);
                RunRows.setDouble(insert, ++i, probe.test().rocAucMacro());
                RunRows.setDouble(insert, ++i, probe.test().prAucMacro());
                RunRows.setDouble(insert, ++i, probe.test().rocAucMicro());
                RunRows.setDouble(insert, ++i, probe.test().prAucMicro());
                insert.setInt(++i, probe.test().tracks());
                try (ResultSet key = insert.executeQuery()) {
                    key.next();
                    id = key.getLong(1);
                }
            }
            try {
                RunRows.params(c, id, StoreJson.MAPPER.readTree(probe.config()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a canonical config is JSON", e);
            }
            RunRows.tagMetrics(c, id, RunRows.TEST, probe.test());
            RunRows.taskMetrics(c, id, probe.testRanking(), probe.testClasses());
            for (Artifact artifact : probe.artifacts()) {
                RunRows.artifact(c, id, artifact);
            }
            return id;
        });
    }
}
