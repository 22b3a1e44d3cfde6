#!/usr/bin/python3
"""Writes src/test/resources/compare/golden.json, the reference numbers of the comparison statistics, computed
independently of tagbench in float64 NumPy, SciPy and scikit-learn (Debian's python3-numpy, -scipy, -sklearn):

- DeLong's test by its O(n^2) definition: the Mann-Whitney kernel psi(x, y) = 1, 1/2, 0 for x >, =, < y between
  every positive x and negative y of each run; structural components V10 (row means) and V01 (column means); S10
  and S01 their 2 x 2 sample covariances (ddof 1); var/cov of the AUCs S10 / m + S01 / n; z and the two-sided
  normal p (scipy.stats.norm.sf). A single-class tag is undefined (all null); one positive or one negative leaves
  the variances undefined (null), so z and p are null; a zero variance of the difference gives z = 0, p = 1 for
  equal AUCs (no other zero-variance case is in the file);
- Holm's correction by its definition (sorted p, (m - j + 1) p(j), running maximum, capped at 1; NaN = untested);
- the mean with its 95% Student t interval (scipy.stats.t.ppf(0.975, n - 1)); none for n = 1;
- paired bootstraps: resample track indices (numpy's generator) written into the file so that tagbench replays
  them; per resample, both runs' macro ROC-AUC and average precision from scikit-learn over the tags with both
  classes in that resample (none: null, and the resample is left out of the interval); the intervals are
  numpy.percentile's 2.5 and 97.5 (linear) of the differences a - b.

Run from the project root: /usr/bin/python3 scripts/compare_golden.py"""
import json
import math

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import average_precision_score, roc_auc_score

rng = np.random.default_rng(16)


def number(x):
    x = float(x)
    return None if math.isnan(x) else x


def delong(a, b, labels):
    pos, neg = labels, ~labels
    m, n = int(pos.sum()), int(neg.sum())
    out = {"positives": m, "negatives": n}
    if m == 0 or n == 0:
        return out | {k: None for k in ["auc_a", "auc_b", "var_a", "var_b", "cov", "z", "p"]}
    v10, v01, aucs = [], [], []
    for s in (a, b):
        x, y = s[pos][:, None], s[neg][None, :]
        psi = (x > y) + 0.5 * (x == y)
        v10.append(psi.mean(axis=1))
        v01.append(psi.mean(axis=0))
        aucs.append(psi.mean())
    out |= {"auc_a": aucs[0], "auc_b": aucs[1]}
    if m < 2 or n < 2:
        return out | {"var_a": None, "var_b": None, "cov": None, "z": None, "p": None}
    s = np.cov(np.vstack(v10), ddof=1) / m + np.cov(np.vstack(v01), ddof=1) / n
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    diff = aucs[0] - aucs[1]
    if var <= 0:
        assert diff == 0
        z, p = 0.0, 1.0
    else:
        z = diff / math.sqrt(var)
        p = 2 * stats.norm.sf(abs(z))
    return out | {"var_a": s[0, 0], "var_b": s[1, 1], "cov": s[0, 1], "z": z, "p": p}


def two_runs(n, positives, separation_a, separation_b, rounding=None):
    labels = rng.random(n) < positives
    shared = rng.normal(size=n)
    a = labels * separation_a + shared + 0.6 * rng.normal(size=n)
    b = labels * separation_b + shared + 0.6 * rng.normal(size=n)
    if rounding:
        a, b = np.round(a * rounding) / rounding, np.round(b * rounding) / rounding
    return a, b, labels


delong_cases = {
    "random": two_runs(200, 0.3, 1.0, 0.7),
    "ties": two_runs(300, 0.4, 0.8, 0.6, rounding=2),
    "large": two_runs(2000, 0.1, 0.9, 0.8, rounding=20),
    "far_apart": two_runs(2000, 0.5, 3.0, 0.2),
    "only_positives": (rng.random(20), rng.random(20), np.ones(20, dtype=bool)),
    "only_negatives": (rng.random(20), rng.random(20), np.zeros(20, dtype=bool)),
    "tiny_three_tracks": (np.array([0.9, 0.2, 0.4]), np.array([0.3, 0.3, 0.8]), np.array([True, False, True])),
    "four_tracks": (np.array([0.9, 0.2, 0.4, 0.4]), np.array([0.3, 0.1, 0.8, 0.5]),
                    np.array([True, False, True, False])),
    "one_positive": (rng.random(30), rng.random(30), np.arange(30) == 4),
}
same = rng.random(50)
delong_cases["identical_runs"] = (same, same.copy(), rng.random(50) < 0.5)
delong_cases["constant_scores"] = (np.full(40, 0.5), np.round(rng.random(40), 1), np.arange(40) % 3 == 0)
delong_out = []
for name, (a, b, labels) in delong_cases.items():
    delong_out.append({"name": name, "scores_a": [float(v) for v in a], "scores_b": [float(v) for v in b],
                       "labels": [bool(v) for v in labels]}
                      | {k: (v if isinstance(v, int) or v is None else number(v))
                         for k, v in delong(a, b, labels).items()})


def holm(p):
    p = np.asarray(p, dtype=float)
    tested = np.flatnonzero(~np.isnan(p))
    order = tested[np.argsort(p[tested], kind="stable")]
    m = len(order)
    adjusted = np.full(len(p), np.nan)
    running = 0.0
    for j, i in enumerate(order, start=1):
        running = max(running, min(1.0, (m - j + 1) * p[i]))
        adjusted[i] = running
    return adjusted


holm_cases = {
    "random": list(rng.random(12) ** 3),
    "ties_and_untested": [0.01, 0.04, np.nan, 0.04, 0.001, 0.2, np.nan, 0.01],
    "capped": [0.3, 0.5, 0.9, 0.04],
    "single": [0.03],
    "empty": [],
    "tiny_p": [1e-300, 5e-12, 0.5],
}
holm_out = [{"name": k, "p": [number(v) for v in p], "adjusted": [number(v) for v in holm(p)]}
            for k, p in holm_cases.items()]

interval_cases = {"one_seed": [0.91], "two_seeds": [0.91, 0.915], "three_seeds": [0.9012, 0.9034, 0.8998],
                  "five_seeds": list(0.9 + 0.01 * rng.random(5)), "thirty": list(rng.normal(0.88, 0.02, 30)),
                  "equal": [0.9, 0.9, 0.9]}
interval_out = []
for name, values in interval_cases.items():
    v = np.asarray(values)
    n = len(v)
    sd = v.std(ddof=1) if n > 1 else math.nan
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n) if n > 1 else math.nan
    interval_out.append({"name": name, "values": [float(x) for x in v], "mean": float(v.mean()),
                         "sd": number(sd), "half_width": number(half)})


def macro(scores, labels):
    defined = [j for j in range(labels.shape[1]) if 0 < labels[:, j].sum() < labels.shape[0]]
    if not defined:
        return math.nan, math.nan
    roc = np.mean([roc_auc_score(labels[:, j], scores[:, j]) for j in defined])
    ap = np.mean([average_precision_score(labels[:, j], scores[:, j]) for j in defined])
    return roc, ap


def bootstrap(a, b, labels, resamples):
    n = labels.shape[0]
    rows = rng.integers(0, n, size=(resamples, n))
    per = {"roc_a": [], "roc_b": [], "pr_a": [], "pr_b": []}
    for r in rows:
        roc_a, pr_a = macro(a[r], labels[r])
        roc_b, pr_b = macro(b[r], labels[r])
        per["roc_a"].append(roc_a)
        per["roc_b"].append(roc_b)
        per["pr_a"].append(pr_a)
        per["pr_b"].append(pr_b)
    out = {"scores_a": a.tolist(), "scores_b": b.tolist(), "labels": labels.astype(int).tolist(),
           "rows": rows.tolist()}
    for metric in ("roc", "pr"):
        d = np.asarray(per[metric + "_a"]) - np.asarray(per[metric + "_b"])
        d = d[~np.isnan(d)]
        observed = np.subtract(*[macro(s, labels)[0 if metric == "roc" else 1] for s in (a, b)])
        out[metric] = {"a": [number(v) for v in per[metric + "_a"]], "b": [number(v) for v in per[metric + "_b"]],
                       "observed": number(observed), "used": len(d),
                       "low": number(np.percentile(d, 2.5)) if len(d) else None,
                       "high": number(np.percentile(d, 97.5)) if len(d) else None}
    return out


n, tags = 150, 6
labels = rng.random((n, tags)) < 0.3
labels[:, 3] = np.arange(n) % 75 == 0  # a rare tag: 2 positives, undefined in resamples that draw neither
labels[:, 4] = False  # never present: undefined everywhere
shared = rng.normal(size=(n, tags))
a = labels * 1.0 + shared + 0.5 * rng.normal(size=(n, tags))
b = labels * 0.8 + shared + 0.5 * rng.normal(size=(n, tags))
a[:, 2], b[:, 2] = np.round(a[:, 2]), np.round(b[:, 2])  # heavy ties
bootstrap_out = [{"name": "six_tags"} | bootstrap(a, b, labels, 200)]
tiny_labels = np.array([[True, False], [False, False], [True, True]])
bootstrap_out.append({"name": "three_tracks"} | bootstrap(np.array([[0.9, 0.1], [0.2, 0.5], [0.4, 0.7]]),
                                                          np.array([[0.3, 0.6], [0.3, 0.2], [0.8, 0.1]]),
                                                          tiny_labels, 30))
# Long stretches of negatives (the walk sums over 516 rows between positives in lanes of 16 bits, then flushes).
n = 1300
labels = np.zeros((n, 2), dtype=bool)
labels[:, 0] = rng.random(n) < 0.5
labels[[3, 640, 1290], 1] = True
a = labels + rng.normal(size=(n, 2))
b = labels * 0.5 + rng.normal(size=(n, 2))
bootstrap_out.append({"name": "long_negative_stretches"} | bootstrap(a, b, labels, 12))

out = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
       "delong": delong_out, "holm": holm_out, "mean_interval": interval_out, "bootstrap": bootstrap_out}
with open("src/test/resources/compare/golden.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", len(delong_out), "DeLong,", len(holm_out), "Holm,", len(interval_out), "interval and",
      len(bootstrap_out), "bootstrap cases")
