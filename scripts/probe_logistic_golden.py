#!/usr/bin/python3
"""Writes src/test/resources/transfer/logistic-golden.json: scikit-learn's LogisticRegression (Debian's
python3-sklearn; L2 penalty, fit_intercept, the intercept unpenalised, C = 1 / l2, solver newton-cholesky at tol 1e-10, its
gradient checked below 1e-7 here) on generated embedding-like rows, one tag at a time as tagbench's one-vs-rest logistic
probe fits them, at three L2 strengths; also the rows standardised as the probe standardises them (the training
rows' column means and population standard deviations), and the probabilities the fits give.
Run from the project root: /usr/bin/python3 scripts/probe_logistic_golden.py"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(19)
n, d, tags = 90, 6, 3
x = rng.normal(size=(n, d)) * np.array([1.0, 3.0, 0.5, 2.0, 1.0, 10.0]) + np.array([0, 1, -2, 0, 5, 0])
truth = rng.normal(size=(d, tags))
logits = (x - x.mean(0)) / x.std(0) @ truth + rng.normal(size=(n, tags))
labels = logits > np.array([0.0, 0.8, -0.5])
# The last tag is separable by the first column alone: the penalty alone keeps its weights finite.
labels[:, 2] = x[:, 0] > 0.2
z = (x - x.mean(0)) / x.std(0)

out = {"sklearn": sklearn.__version__, "x": x.tolist(), "standardised": z.tolist(),
       "labels": labels.astype(int).tolist(), "fits": []}
for l2 in (0.1, 1.0, 30.0):
    for t in range(tags):
        model = LogisticRegression(C=1 / l2, penalty="l2", fit_intercept=True, solver="newton-cholesky", tol=1e-10,
                                   max_iter=10000)
        model.fit(z, labels[:, t])
        p = model.predict_proba(z)[:, 1]
        residual = p - labels[:, t]
        gradient = np.append(z.T @ residual + l2 * model.coef_[0], residual.sum())
        assert np.abs(gradient).max() < 1e-7, (l2, t, np.abs(gradient).max())
        out["fits"].append({"l2": l2, "tag": t, "weights": model.coef_[0].tolist(),
                            "intercept": float(model.intercept_[0]),
                            "probabilities": model.predict_proba(z)[:, 1].tolist()})
with open("src/test/resources/transfer/logistic-golden.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
