#!/usr/bin/python3
"""Writes src/test/resources/engine/musicnn-golden.json: a small musicnn, the sota-music-tagging-models repo's
Musicnn as scripts/sota_golden.py rebuilds it in plain torch, in float64 and inference mode, with seeded random
weights (batch norms with random running statistics) on a seeded random log-mel batch: an independent reference for
the pytorch engine's musicnn (MusicnnGoldenTest) and its average pools. The repo's state_dict entries are renamed to
tagbench's weight layout (layers.<node>.*) by the node numbers of tagbench's Musicnn, listed in NODES. Run from the
project root:
  /usr/bin/python3 scripts/musicnn_golden.py"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sota_golden import Musicnn  # noqa: E402

MELS, FRAMES, TAGS, ROWS = 12, 40, 4, 3
WIDTHS = [5, 5, 3, 3, 3, 4, 6]
EPS = 1e-5  # batch norm epsilon of the pytorch conventions
# The node of tagbench's spec that holds each module's arrays: 0 the spectrogram's batch norm, 1-2 the timbral
# filters, 3 the mean over the bands, 4-6 the temporal filters, 7 their concat, 8, 9 and 11 the mid end (10 and 12
# its additions), 13 the concat of the front and mid ends, 14-16 max and mean over time and their concat, 17 the
# dense layer, 18 dropout, 19 the output.
NODES = {"spec_bn": "0", "timbral.0.0": "1.conv", "timbral.0.1": "1.bn", "timbral.1.0": "2.conv",
         "timbral.1.1": "2.bn", "temporal.0.0": "4.conv", "temporal.0.1": "4.bn", "temporal.1.0": "5.conv",
         "temporal.1.1": "5.bn", "temporal.2.0": "6.conv", "temporal.2.1": "6.bn", "mid.0.0": "8.conv",
         "mid.0.1": "8.bn", "mid.1.0": "9.conv", "mid.1.1": "9.bn", "mid.2.0": "11.conv", "mid.2.1": "11.bn",
         "dense1": "17.linear", "bn": "17.bn", "dense2": "19.linear"}


def layout_name(key):
    """tagbench's name of the repo's state_dict entry key, e.g. mid.2.1.running_var -> layers.11.bn.running_var."""
    module, name = key.rsplit(".", 1)
    return f"layers.{NODES[module]}.{name}"


def main():
    rng = np.random.default_rng(20261203)
    model = Musicnn(MELS, WIDTHS, TAGS).double().eval()
    norms = {name for name, m in model.named_modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)}
    weights = {}
    state = model.state_dict()
    for key, value in state.items():
        if key.endswith("num_batches_tracked"):
            continue
        module, name = key.rsplit(".", 1)
        # Batch-norm scales and running variances in [0.5, 1.5], everything else in [-0.5, 0.5].
        low, high = (0.5, 1.5) if module in norms and name in ("weight", "running_var") else (-0.5, 0.5)
        drawn = rng.uniform(low, high, size=tuple(value.shape)).astype(np.float32)
        state[key] = torch.from_numpy(drawn.astype(np.float64))
        weights[layout_name(key)] = drawn
    model.load_state_dict(state)
    for module in model.modules():
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            module.eps = EPS
    features = rng.standard_normal((ROWS, MELS, FRAMES)).astype(np.float32)
    steps = {}
    with torch.no_grad():
        logits = model(torch.from_numpy(features.astype(np.float64)).unsqueeze(1), [], steps)
    golden = {
        "made_by": "scripts/musicnn_golden.py",
        "torch": torch.__version__,
        "input": [MELS, FRAMES], "tags": TAGS, "widths": WIDTHS,
        "features": features.ravel().tolist(),
        "weights": {k: {"shape": list(v.shape), "values": v.ravel().tolist()} for k, v in weights.items()},
        # Node outputs flattened per row, channel-major as tagbench flattens [channels, 1, frames] maps.
        "nodes": {"7": steps["front"].flatten(1).tolist(), "13": steps["mid"].flatten(1).tolist(),
                  "16": steps["pooled"].tolist(), "17": steps["dense"].tolist()},
        "probabilities": torch.sigmoid(logits).tolist(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "engine",
                        "musicnn-golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f)
        f.write("\n")


if __name__ == "__main__":
    main()
