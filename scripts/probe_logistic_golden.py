#!/usr/bin/python3
"""Writes src/test/resources/transfer/logistic-golden.json: scikit-learn's LogisticRegression (Debian's
python3-sklearn; L2 penalty, fit_intercept, the intercept unpenalised, C = 1 / l2, solver newton-cholesky at tol 1e-10, its
gradient checked below 1e-7 here) on generated embedding-like rows, one tag at a time as tagbench's one-vs-rest logistic
probe fits them, at three L2 strengths; also the rows standardised as the probe standardises them (the training
rows' column means and population standard deviations), and the probabilities the fits give.
Then (key "multiclass") the softmax probe's reference: LogisticRegression(multi_class="multinomial", solver newton-cg,
tol 1e-10) on four classes of the same standardised rows at the same strengths, its weights (one row per class), its
intercepts and its probabilities. The multinomial intercepts are unpenalised, so only their differences are defined;
they are written centred (mean 0), the form tagbench's fit returns, and the full gradient at the centred solution is
checked below 1e-7 here (newton-cg warns that its line search failed once the objective is flat to rounding, before
its tol is met; the gradient check is what holds the golden to the optimum).
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

# Drawn after everything above, so that the one-vs-rest part stays as it was.
centres = rng.normal(size=(4, d)) * 0.9
classes = np.argmax(z @ centres.T + rng.gumbel(size=(n, 4)), axis=1)
out["multiclass"] = {"classes": classes.tolist(), "fits": []}
for l2 in (0.1, 1.0, 30.0):
    model = LogisticRegression(C=1 / l2, penalty="l2", fit_intercept=True, multi_class="multinomial",
                               solver="newton-cg", tol=1e-10, max_iter=10000)
    model.fit(z, classes)
    assert list(model.classes_) == [0, 1, 2, 3]
    intercepts = model.intercept_ - model.intercept_.mean()
    logits = z @ model.coef_.T + intercepts
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    assert np.abs(p - model.predict_proba(z)).max() < 1e-12
    residual = p - np.eye(4)[classes]
    gradient = np.concatenate([(residual.T @ z + l2 * model.coef_).ravel(), residual.sum(0)])
    assert np.abs(gradient).max() < 1e-7, (l2, np.abs(gradient).max())
    print("multinomial l2", l2, "largest gradient component", np.abs(gradient).max())
    out["multiclass"]["fits"].append({"l2": l2, "weights": model.coef_.tolist(), "intercepts": intercepts.tolist(),
                                      "probabilities": p.tolist()})
with open("src/test/resources/transfer/logistic-golden.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
