-- A stand-in for tagbench's next schema version (StoreSchemaTest): a new table and a new column on runs, so that
-- migrating a version-1 store in place is exercised before a real second script exists.
CREATE TABLE run_notes (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    note TEXT NOT NULL
);
ALTER TABLE runs ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
