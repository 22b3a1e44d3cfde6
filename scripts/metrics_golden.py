#!/usr/bin/python3
"""Writes src/test/resources/metrics/golden.json: ROC-AUC and average precision from scikit-learn
(Debian's python3-sklearn) for score/label columns covering ties, one positive, single-class columns,
constant scores, perfect and inverted rankings. Run from the project root: /usr/bin/python3 scripts/metrics_golden.py"""
import json

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, roc_auc_score

rng = np.random.default_rng(7)
cases = {
    "random": (rng.random(200), rng.random(200) < 0.3),
    "ties": (np.round(rng.random(300) * 4) / 4, rng.random(300) < 0.5),
    "one_positive": (rng.random(50), np.arange(50) == 17),
    "constant_scores": (np.full(40, 0.5), np.arange(40) % 3 == 0),
    "perfect": (np.linspace(0, 1, 30), np.arange(30) >= 20),
    "inverted": (np.linspace(1, 0, 30), np.arange(30) >= 20),
    "no_positive": (rng.random(20), np.zeros(20, dtype=bool)),
    "all_positive": (rng.random(20), np.ones(20, dtype=bool)),
}
out = {"sklearn": sklearn.__version__, "cases": []}
for name, (scores, labels) in cases.items():
    single_class = labels.all() or not labels.any()
    out["cases"].append({
        "name": name,
        "scores": [float(s) for s in scores],
        "labels": [bool(b) for b in labels],
        # scikit-learn refuses ROC-AUC for a single class; tagbench reports such a tag as undefined (null).
        "roc_auc": None if single_class else float(roc_auc_score(labels, scores)),
        "average_precision": None if single_class else float(average_precision_score(labels, scores)),
    })
with open("src/test/resources/metrics/golden.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote", len(out["cases"]), "cases with scikit-learn", sklearn.__version__)
