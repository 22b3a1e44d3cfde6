-- The results store, version 2: sweeps. Only new tables, so a version-1 store migrates in place and runs keep their
-- columns. One script serves SQLite and PostgreSQL (see V1__runs.sql); times are milliseconds since 1970 on the
-- database's clock.

-- A sweep: an experiment file's grid expanded into cells. Recording the same file again finds the same row.
CREATE TABLE sweeps (
    id ${generated_id},
    name TEXT NOT NULL UNIQUE,                -- the experiment file's name:, also the config name of its runs
    file TEXT NOT NULL,                       -- the experiment file's text, as last recorded
    grid TEXT NOT NULL,                       -- JSON: each grid key's values, in file order
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);

-- A cell: one run of a sweep, claimed by one worker at a time.
CREATE TABLE sweep_cells (
    sweep_id BIGINT NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    cell INTEGER NOT NULL,                    -- from 1, in the order the grid first gave the cells
    overrides TEXT NOT NULL,                  -- JSON: the cell's value of each grid key
    experiment_key TEXT NOT NULL,             -- the cell's config's experiment key, as runs.experiment_key
    status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'finished', 'failed')),
    worker TEXT,                              -- host and pid of the worker that last claimed it
    host TEXT,
    claimed_ms BIGINT,
    heartbeat_ms BIGINT,                      -- beaten by its worker; a claimed cell whose heartbeat is older than
    heartbeat_seconds INTEGER NOT NULL,       -- 3 of these (its config's results.heartbeat_seconds) is claimed again
    run_id BIGINT REFERENCES runs (id) ON DELETE SET NULL,  -- the cell's run, once its row exists
    attempts INTEGER NOT NULL,                -- how many times a worker claimed it
    error TEXT,                               -- a failed cell's one-line error
    PRIMARY KEY (sweep_id, cell),
    UNIQUE (sweep_id, experiment_key)
);
CREATE INDEX sweep_cells_status ON sweep_cells (sweep_id, status);
CREATE INDEX sweep_cells_run ON sweep_cells (run_id);
