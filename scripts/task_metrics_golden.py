#!/usr/bin/python3
"""Goldens for single-label (multiclass) tasks, label-ranking metrics and the cross-entropy and mse losses, computed
independently of tagbench with scikit-learn, NumPy and torch (float64). Run from the project root with Debian's Python:

    /usr/bin/python3 scripts/task_metrics_golden.py

It writes
- src/test/resources/metrics/task-golden.json, read by metrics.TaskMetricsGoldenTest:
  "ranking": score/label matrices with scikit-learn's label_ranking_average_precision_score (lrap) and the
  label-weighted LRAP of the Freesound Audio Tagging 2019 challenge (lwlrap), computed here from the challenge's
  definition (each (track, tag) pair's precision, averaged over all pairs) and checked equal to scikit-learn's LRAP
  weighted by the number of tags per track;
  "classes": score matrices with one true class per track and scikit-learn's accuracy_score,
  balanced_accuracy_score, f1_score(average="macro", labels=the classes present in the split) and confusion_matrix
  (every class), with the classes absent from the split;
- src/test/resources/engine/task-loss-golden.json, read by engine.TaskLossTest: a linear model (one output layer on
  the flattened [mels, frames] input), fixed float32 weights and batch, one plain SGD step (lr below) with
  torch.nn.functional.cross_entropy (probability targets, one-hot here) and with mse_loss on the sigmoid outputs
  (soft targets in [0, 1]): the loss before the step and the weights after it.
"""
import json

import numpy as np
import sklearn
import torch
import torch.nn.functional as F
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix, f1_score,
                             label_ranking_average_precision_score)

METRICS_OUT = "src/test/resources/metrics/task-golden.json"
LOSS_OUT = "src/test/resources/engine/task-loss-golden.json"


def lwlrap(scores, labels):
    """The challenge's definition: for every positive (track, tag), the share of positives among the tags scoring at
    least as high, averaged over all positive pairs."""
    precisions = []
    for s, truth in zip(scores, labels):
        for j in np.flatnonzero(truth):
            above = s >= s[j]
            precisions.append(truth[above].sum() / above.sum())
    return float(np.mean(precisions))


def ranking_cases(rng):
    cases = {
        "random": (rng.random((40, 7)), rng.random((40, 7)) < 0.3),
        "ties": (np.round(rng.random((30, 5)) * 3) / 3, rng.random((30, 5)) < 0.4),
        "constant_scores": (np.full((6, 4), 0.5), rng.random((6, 4)) < 0.5),
    }
    # Tracks with no tag and with every tag, which scikit-learn scores 1 and lwlrap weighs 0 and fully.
    scores, labels = rng.random((12, 5)), rng.random((12, 5)) < 0.4
    labels[0] = False
    labels[1] = True
    labels[2] = [True, False, False, False, False]
    cases["empty_and_full_rows"] = (scores, labels)
    out = []
    for name, (scores, labels) in cases.items():
        weights = labels.sum(axis=1)
        weighted = label_ranking_average_precision_score(labels, scores, sample_weight=weights)
        reference = lwlrap(scores, labels)
        assert abs(weighted - reference) < 1e-12, (name, weighted, reference)
        out.append({"name": name, "scores": scores.tolist(), "labels": labels.astype(int).tolist(),
                    "lrap": float(label_ranking_average_precision_score(labels, scores)), "lwlrap": reference})
    return out


def class_cases(rng):
    cases = {}
    n = 60
    truth = rng.integers(0, 4, n)
    # Scores that favour the true class often, so that every metric is between its extremes.
    scores = rng.random((n, 4)) + 0.8 * np.eye(4)[truth] * (rng.random(n) < 0.6)[:, None]
    cases["random"] = (scores, truth, 4)
    truth = rng.integers(0, 3, 25)  # class 3 and 4 never true; class 4 sometimes predicted
    scores = rng.random((25, 5))
    scores[::4, 4] = 2.0
    cases["absent_classes"] = (scores, truth, 5)
    truth = np.array([0, 1, 2, 0, 1, 2, 2])
    scores = np.zeros((7, 3))  # every row a tie: argmax takes class 0
    cases["ties_pick_first"] = (scores, truth, 3)
    truth = rng.integers(0, 3, 15)
    cases["perfect"] = (np.eye(3)[truth], truth, 3)
    out = []
    for name, (scores, truth, classes) in cases.items():
        predicted = scores.argmax(axis=1)
        present = sorted(set(truth.tolist()))
        out.append({
            "name": name, "scores": scores.tolist(), "classes": classes, "truth": truth.tolist(),
            "accuracy": float(accuracy_score(truth, predicted)),
            "balanced_accuracy": float(balanced_accuracy_score(truth, predicted)),
            "macro_f1": float(f1_score(truth, predicted, labels=present, average="macro", zero_division=0)),
            "confusion": confusion_matrix(truth, predicted, labels=list(range(classes))).tolist(),
            "absent": [c for c in range(classes) if c not in present]})
    return out


def loss_golden():
    g = torch.Generator().manual_seed(19)
    mels, frames, classes, rows, lr = 3, 4, 5, 6, 0.5

    def f32(t):
        return t.float().double()

    features = f32(torch.randn((rows, mels, frames), generator=g, dtype=torch.float64))
    weight = f32((torch.rand((classes, mels * frames), generator=g, dtype=torch.float64) - 0.5))
    bias = f32((torch.rand(classes, generator=g, dtype=torch.float64) - 0.5) * 0.4)
    one_hot = F.one_hot(torch.randint(0, classes, (rows,), generator=g), classes).double()
    soft = f32(torch.rand((rows, classes), generator=g, dtype=torch.float64))
    cases = {}
    for name, labels in [("cross-entropy", one_hot), ("mse", soft)]:
        w = weight.clone().requires_grad_(True)
        b = bias.clone().requires_grad_(True)
        logits = features.reshape(rows, -1) @ w.T + b
        loss = (F.cross_entropy(logits, labels) if name == "cross-entropy"
                else F.mse_loss(torch.sigmoid(logits), labels))
        loss.backward()
        with torch.no_grad():
            cases[name] = {"labels": labels.flatten().tolist(), "loss": loss.item(),
                           "weight": (w - lr * w.grad).flatten().tolist(), "bias": (b - lr * b.grad).tolist()}
    return {"torch": torch.__version__, "mels": mels, "frames": frames, "classes": classes, "rows": rows, "lr": lr,
            "features": features.flatten().tolist(), "weight": weight.flatten().tolist(), "bias": bias.tolist(),
            "cases": cases}


rng = np.random.default_rng(2019)
metrics = {"sklearn": sklearn.__version__, "ranking": ranking_cases(rng), "classes": class_cases(rng)}
for path, golden in [(METRICS_OUT, metrics), (LOSS_OUT, loss_golden())]:
    with open(path, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", path)
