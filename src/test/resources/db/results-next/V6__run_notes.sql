-- A stand-in for the schema version after tagbench's newest (StoreSchemaTest): a new table and a new column on runs, so that
-- migrating an older store in place is exercised with a script this tagbench does not have.
CREATE TABLE run_notes (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    note TEXT NOT NULL
);
ALTER TABLE runs ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
