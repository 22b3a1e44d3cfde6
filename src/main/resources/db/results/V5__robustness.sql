-- The results store, version 5: robustness. Only a new table, so an older store migrates in place (see V1__runs.sql
-- for the types both databases know).

-- A run's test-split metrics under a waveform perturbation (`tagbench robustness`), one row per perturbation and
-- strength; the clean evaluation is perturbation 'none'. Evaluating the run again replaces its rows.
CREATE TABLE robustness (
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    perturbation TEXT NOT NULL,               -- none, noise, pink, pitch, stretch, mp3, gain
    parameter TEXT NOT NULL,                  -- snr (dB), semitones, rate, kbps, db; '' for none
    strength DOUBLE PRECISION,                -- the parameter's value; NULL for none
    position INTEGER NOT NULL,                -- the row's place in the command's table, from 0
    seed BIGINT NOT NULL,                     -- the noise seed the evaluation used
    roc_auc DOUBLE PRECISION,                 -- macro over defined tags
    pr_auc DOUBLE PRECISION,
    roc_auc_micro DOUBLE PRECISION,
    pr_auc_micro DOUBLE PRECISION,
    tracks INTEGER NOT NULL,                  -- test tracks evaluated
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (run_id, position)
);
