-- The results store, version 4: what kind of result a row of runs is. A training run is a 'run' (every row of a
-- version-3 store); a 'probe' is a classifier fitted on a model bundle's embeddings (tagbench probe), recorded with
-- the same columns so that runs and compare list it beside trained runs. One script serves SQLite and PostgreSQL.

ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'run' CHECK (kind IN ('run', 'probe'));
