-- The results store, version 1. One script serves SQLite and PostgreSQL: types both know (BIGINT, INTEGER,
-- DOUBLE PRECISION, TEXT) and one placeholder, the generated key (ResultsStore's Database gives it per database).
-- Times are milliseconds since 1970 (UTC); undefined metrics (NaN) are NULL.

CREATE TABLE runs (
    id ${generated_id},
    uid TEXT NOT NULL UNIQUE,                 -- the run folder's run.uid: a resumed or re-imported run finds its row
    experiment TEXT NOT NULL,                 -- the config's name
    run_name TEXT NOT NULL,                   -- the run folder's name
    folder TEXT NOT NULL,                     -- the run folder, absolute, on host
    config TEXT NOT NULL,                     -- the resolved config, canonical JSON
    experiment_key TEXT NOT NULL,             -- ConfigLoader.experimentKey: equal on every machine for one experiment
    config_hash TEXT NOT NULL,                -- ConfigLoader.hash, as printed and in the folder's name
    arch TEXT NOT NULL,
    budget BIGINT NOT NULL,
    params BIGINT,                            -- the exact trainable-parameter count, once the network is built
    widths TEXT,                              -- JSON array
    engine TEXT NOT NULL,
    backend TEXT,                             -- device, library and threads, as the engine reports them
    seed BIGINT NOT NULL,
    dataset TEXT NOT NULL,
    dataset_root TEXT,
    dataset_fingerprint TEXT,
    tracks TEXT,                              -- JSON: usable tracks per split
    skipped TEXT,                             -- JSON: skipped track ids per split
    tagbench_version TEXT NOT NULL,
    git_commit TEXT,
    dependencies TEXT,                        -- JSON: library versions
    java_version TEXT,
    os TEXT,
    cores INTEGER,
    host TEXT NOT NULL,
    owner TEXT,                               -- host and pid of the process that last trained it
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
    created_ms BIGINT NOT NULL,
    started_ms BIGINT NOT NULL,
    ended_ms BIGINT,
    heartbeat_ms BIGINT NOT NULL,             -- the store's clock; stale once older than 3 heartbeat_seconds
    heartbeat_seconds INTEGER NOT NULL,
    training_seconds DOUBLE PRECISION,
    best_epoch INTEGER,
    test_roc_auc DOUBLE PRECISION,            -- macro over defined tags
    test_pr_auc DOUBLE PRECISION,
    test_roc_auc_micro DOUBLE PRECISION,
    test_pr_auc_micro DOUBLE PRECISION,
    test_tracks INTEGER,
    resumptions TEXT,                         -- JSON
    error TEXT                                -- a failed run's one-line error
);
CREATE INDEX runs_experiment ON runs (experiment);
CREATE INDEX runs_experiment_key ON runs (experiment_key);
CREATE INDEX runs_status ON runs (status);

-- Every key of the resolved config by dotted path, for `runs --where key=value`; number is set for numeric values.
CREATE TABLE run_params (
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT,
    number DOUBLE PRECISION,
    PRIMARY KEY (run_id, name)
);
CREATE INDEX run_params_value ON run_params (name, value);

CREATE TABLE epochs (
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch INTEGER NOT NULL,
    train_loss DOUBLE PRECISION,
    valid_loss DOUBLE PRECISION,
    valid_roc_auc DOUBLE PRECISION,
    valid_pr_auc DOUBLE PRECISION,
    lr DOUBLE PRECISION,
    seconds DOUBLE PRECISION,
    clips_per_second DOUBLE PRECISION,
    PRIMARY KEY (run_id, epoch)
);

CREATE TABLE tag_metrics (
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    split TEXT NOT NULL,
    position INTEGER NOT NULL,                -- the tag's column in the vocabulary
    tag TEXT NOT NULL,
    positives INTEGER NOT NULL,
    roc_auc DOUBLE PRECISION,                 -- NULL: the split has one class of this tag
    pr_auc DOUBLE PRECISION,
    PRIMARY KEY (run_id, split, position)
);

CREATE TABLE artifacts (
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    path TEXT NOT NULL,                       -- relative to the run folder
    kind TEXT NOT NULL,                       -- checkpoint, best_model, scores, ...
    bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (run_id, path)
);
