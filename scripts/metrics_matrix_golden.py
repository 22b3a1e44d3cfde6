#!/usr/bin/python3
"""Writes the fixtures of `tagbench metrics` tests into src/test/resources/metrics/: a 60 x 5 score matrix and
its labels as .npy (float64 scores, bool labels) and as CSV (with a header of tag names), and scikit-learn's
per-tag, macro and micro ROC-AUC / average precision for them. Tag "never" has no positive, so it is undefined and
left out of the macro means (scikit-learn's macro would fail on it; it is computed over the defined columns).
Run from the project root: /usr/bin/python3 scripts/metrics_matrix_golden.py"""
import json

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

rng = np.random.default_rng(11)
tags = ["rock", "jazz", "ties", "never", "rare"]
n = 60
labels = rng.random((n, len(tags))) < 0.4
labels[:, 3] = False
labels[:, 4] = np.arange(n) == 7
scores = np.clip(labels * 0.3 + rng.random((n, len(tags))) * 0.8, 0, 1)
scores[:, 2] = np.round(scores[:, 2] * 3) / 3
defined = [j for j in range(len(tags)) if 0 < labels[:, j].sum() < n]
out = {
    "tags": tags,
    "roc_auc": {"per_tag": [float(roc_auc_score(labels[:, j], scores[:, j])) if j in defined else None
                            for j in range(len(tags))],
                "macro": float(roc_auc_score(labels[:, defined], scores[:, defined], average="macro")),
                "micro": float(roc_auc_score(labels.ravel(), scores.ravel()))},
    "pr_auc": {"per_tag": [float(average_precision_score(labels[:, j], scores[:, j])) if j in defined else None
                           for j in range(len(tags))],
               "macro": float(average_precision_score(labels[:, defined], scores[:, defined], average="macro")),
               "micro": float(average_precision_score(labels.ravel(), scores.ravel()))},
    "undefined_tags": [tags[j] for j in range(len(tags)) if j not in defined],
}
base = "src/test/resources/metrics/"
np.save(base + "matrix-scores.npy", scores)
np.save(base + "matrix-labels.npy", labels)
np.savetxt(base + "matrix-scores.csv", scores, delimiter=",", header=",".join(tags), comments="", fmt="%.17g")
np.savetxt(base + "matrix-labels.csv", labels.astype(int), delimiter=",", header=",".join(tags), comments="",
           fmt="%d")
with open(base + "matrix-expected.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote the matrix fixtures:", n, "tracks x", len(tags), "tags")
