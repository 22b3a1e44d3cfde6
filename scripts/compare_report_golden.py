#!/usr/bin/python3
"""Writes the fixture of `tagbench compare`'s end-to-end test and its expected numbers, computed independently of
tagbench in float64 NumPy, SciPy and scikit-learn (Debian's python3-numpy, -scipy, -sklearn), into
src/test/resources/report/:

- labels.npy (bool, tracks x tags) and scores-<run>.npy (float64) for 13 runs: architectures k1c2, k2c2 and crnn at
  budgets 100k and 250k, 2 seeds each, 3 for crnn at 250k; scores rounded to 2 decimals so that ties occur; tag
  "80s" has one positive (defined, but DeLong's variance is not) and "sad" none (undefined);
- resamples.npy (int32, resamples x tracks): the bootstrap's drawn rows, for tagbench to replay;
- expected.json: the runs (arch, budget, params, seed, epochs, scores file) and the expected values:
  per run the macro ROC-AUC and average precision over the defined tags (scikit-learn); per architecture and budget
  the mean over seeds with its 95% Student t interval (scipy.stats.t) and the per-tag means; per budget and ordered
  pair of architectures (a, b) the comparison of the seeds' means: DeLong's test per tag by its O(n^2) definition
  on the seeds' mean structural components (V10, V01 averaged over a's seeds and over b's, the contrast mean(a) -
  mean(b)), Holm's correction over the tested tags, and the paired bootstrap of the mean-over-seeds macro ROC-AUC and
  PR-AUC on the replayed resamples (numpy.percentile 2.5 and 97.5 of the differences).

Run from the project root: /usr/bin/python3 scripts/compare_report_golden.py"""
import json
import math

import numpy as np
from scipy import stats
from sklearn.metrics import average_precision_score, roc_auc_score

OUT = "src/test/resources/report/"
rng = np.random.default_rng(1616)
TRACKS = 300
TAGS = ["rock", "jazz", "Mellow", "guitar", "80s", "sad"]
RESAMPLES = 200
ARCHS = {"k1c2": 0.5, "k2c2": 0.8, "crnn": 0.9}
BUDGETS = {100000: 0.0, 250000: 0.2}
PARAMS = {("k1c2", 100000): 99412, ("k1c2", 250000): 251003, ("k2c2", 100000): 100517, ("k2c2", 250000): 248870,
          ("crnn", 100000): 101230, ("crnn", 250000): 250114}


def number(x):
    x = float(x)
    return None if math.isnan(x) else x


labels = rng.random((TRACKS, len(TAGS))) < 0.3
labels[:, 4] = np.arange(TRACKS) == 17
labels[:, 5] = False
np.save(OUT + "labels.npy", labels)
shared = rng.normal(size=(TRACKS, len(TAGS)))

runs = []
for budget, extra in BUDGETS.items():
    for arch, separation in ARCHS.items():
        for seed in ([1, 2, 3] if (arch, budget) == ("crnn", 250000) else [1, 2]):
            scores = labels * (separation + extra) + shared + 0.7 * rng.normal(size=labels.shape)
            scores = np.round(scores, 2)
            name = f"scores-{len(runs)}.npy"
            np.save(OUT + name, scores)
            epochs = [{"epoch": e, "train_loss": float(0.7 / e + 0.01 * seed), "valid_loss": float(0.75 / e),
                       "valid_roc_auc": float(0.6 + 0.05 * e + 0.01 * seed), "seconds": float(10 + seed + e)}
                      for e in range(1, 4)]
            runs.append({"arch": arch, "budget": budget, "params": PARAMS[(arch, budget)], "seed": seed,
                         "scores": name, "epochs": epochs, "values": scores})

defined = [j for j in range(len(TAGS)) if 0 < labels[:, j].sum() < TRACKS]


def macro(scores, truth):
    tags = [j for j in range(truth.shape[1]) if 0 < truth[:, j].sum() < truth.shape[0]]
    if not tags:
        return math.nan, math.nan
    return (np.mean([roc_auc_score(truth[:, j], scores[:, j]) for j in tags]),
            np.mean([average_precision_score(truth[:, j], scores[:, j]) for j in tags]))


def interval(values):
    v = np.asarray(values, dtype=float)
    n = len(v)
    if n < 2:
        return {"n": n, "mean": float(v.mean()), "low": None, "high": None}
    half = stats.t.ppf(0.975, n - 1) * v.std(ddof=1) / math.sqrt(n)
    return {"n": n, "mean": float(v.mean()), "low": float(v.mean() - half), "high": float(v.mean() + half)}


for run in runs:
    run["roc_auc"], run["pr_auc"] = macro(run["values"], labels)
    run["tag_roc_auc"] = [number(roc_auc_score(labels[:, j], run["values"][:, j])) if j in defined else None
                          for j in range(len(TAGS))]

cells = []
for budget in BUDGETS:
    for arch in ARCHS:
        mine = [r for r in runs if r["arch"] == arch and r["budget"] == budget]
        cells.append({"arch": arch, "budget": budget, "roc_auc": interval([r["roc_auc"] for r in mine]),
                      "pr_auc": interval([r["pr_auc"] for r in mine]),
                      "training_seconds": float(np.mean([sum(e["seconds"] for e in r["epochs"]) for r in mine])),
                      "tag_roc_auc": [number(np.mean([r["tag_roc_auc"][j] for r in mine])) if j in defined else None
                                      for j in range(len(TAGS))]})


def components(scores, truth):
    psi = (scores[truth][:, None] > scores[~truth][None, :]) + 0.5 * (scores[truth][:, None]
                                                                      == scores[~truth][None, :])
    return psi.mean(axis=1), psi.mean(axis=0)


def delong(runs_a, runs_b, j):
    truth = labels[:, j]
    m, n = int(truth.sum()), int((~truth).sum())
    out = {"tag": TAGS[j], "positives": m, "negatives": n}
    if m == 0 or n == 0:
        return out | {"auc_a": None, "auc_b": None, "z": None, "p": None}
    va = [components(r["values"][:, j], truth) for r in runs_a]
    vb = [components(r["values"][:, j], truth) for r in runs_b]
    v10 = np.vstack([np.mean([c[0] for c in va], axis=0), np.mean([c[0] for c in vb], axis=0)])
    v01 = np.vstack([np.mean([c[1] for c in va], axis=0), np.mean([c[1] for c in vb], axis=0)])
    auc_a, auc_b = v10[0].mean(), v10[1].mean()
    out |= {"auc_a": float(auc_a), "auc_b": float(auc_b)}
    if m < 2 or n < 2:
        return out | {"z": None, "p": None}
    s = np.cov(v10, ddof=1) / m + np.cov(v01, ddof=1) / n
    z = (auc_a - auc_b) / math.sqrt(s[0, 0] + s[1, 1] - 2 * s[0, 1])
    return out | {"z": float(z), "p": float(2 * stats.norm.sf(abs(z)))}


def holm(p):
    p = np.asarray(p, dtype=float)
    tested = np.flatnonzero(~np.isnan(p))
    order = tested[np.argsort(p[tested], kind="stable")]
    adjusted = np.full(len(p), np.nan)
    running = 0.0
    for k, i in enumerate(order, start=1):
        running = max(running, min(1.0, (len(order) - k + 1) * p[i]))
        adjusted[i] = running
    return adjusted


rows = rng.integers(0, TRACKS, size=(RESAMPLES, TRACKS)).astype(np.int32)
np.save(OUT + "resamples.npy", rows)
resampled = {}
for i, run in enumerate(runs):
    resampled[i] = np.array([macro(run["values"][r], labels[r]) for r in rows])

pairs = []
for budget in BUDGETS:
    for a in ARCHS:
        for b in ARCHS:
            if a == b:
                continue
            ia = [i for i, r in enumerate(runs) if r["arch"] == a and r["budget"] == budget]
            ib = [i for i, r in enumerate(runs) if r["arch"] == b and r["budget"] == budget]
            tags = [delong([runs[i] for i in ia], [runs[i] for i in ib], j) for j in range(len(TAGS))]
            adjusted = holm([t["p"] if t["p"] is not None else math.nan for t in tags])
            for t, h in zip(tags, adjusted):
                t["p_holm"] = number(h)
            pair = {"budget": budget, "arch_a": a, "arch_b": b, "tags": tags}
            for k, metric in enumerate(["roc_auc", "pr_auc"]):
                mean_a = np.mean([resampled[i][:, k] for i in ia], axis=0)
                mean_b = np.mean([resampled[i][:, k] for i in ib], axis=0)
                d = mean_a - mean_b
                observed = np.mean([runs[i][metric] for i in ia]) - np.mean([runs[i][metric] for i in ib])
                pair[metric] = {"difference": float(observed), "low": float(np.percentile(d, 2.5)),
                                "high": float(np.percentile(d, 97.5))}
            pairs.append(pair)

for run in runs:
    del run["values"]
with open(OUT + "expected.json", "w") as f:
    json.dump({"tags": TAGS, "tracks": TRACKS, "runs": runs, "cells": cells, "pairs": pairs}, f, indent=1)
print("wrote", len(runs), "runs,", len(cells), "cells,", len(pairs), "pairs")
