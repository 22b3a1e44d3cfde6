-- The results store, version 3: the metrics of single-label tasks and of label ranking (issue 19). Only new nullable
-- columns, so a version-2 store migrates in place and its runs keep their values (NULL in the new columns). One
-- script serves SQLite and PostgreSQL (see V1__runs.sql).

ALTER TABLE runs ADD COLUMN test_lrap DOUBLE PRECISION;              -- multilabel: scikit-learn's LRAP
ALTER TABLE runs ADD COLUMN test_lwlrap DOUBLE PRECISION;            -- multilabel: label-weighted LRAP (FSD 2019)
ALTER TABLE runs ADD COLUMN test_accuracy DOUBLE PRECISION;          -- multiclass
ALTER TABLE runs ADD COLUMN test_balanced_accuracy DOUBLE PRECISION; -- multiclass: mean recall over present classes
ALTER TABLE runs ADD COLUMN test_macro_f1 DOUBLE PRECISION;          -- multiclass: over present classes
ALTER TABLE runs ADD COLUMN test_classes TEXT;                       -- multiclass, JSON: the confusion matrix and all
