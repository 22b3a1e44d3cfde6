#!/usr/bin/python3
"""Writes src/test/resources/engine/gru-golden.json: outputs of torch.nn.GRU in float64 (an independent reference
for tagbench's DL4J GRU layer) for a single GRU and two stacked GRUs with seeded random weights and inputs.
Weights are written in tagbench's layout: W = weight_ih^T [nIn, 3*units], R = weight_hh^T [units, 3*units],
Wb = bias_ih, Rb = bias_hh, gate blocks in PyTorch's order reset | update | new. Inputs and sequence outputs
are [batch, features, time] (DL4J's NCW). Run from the project root: /usr/bin/python3 scripts/gru_golden.py"""
import json

import torch


def case(name, layers, batch, n_in, units, steps, seed):
    torch.manual_seed(seed)
    gru = torch.nn.GRU(n_in, units, num_layers=layers, batch_first=True, dtype=torch.float64)
    # Wider than PyTorch's default U(-1/sqrt(units), 1/sqrt(units)) so every gate leaves its linear range.
    with torch.no_grad():
        for p in gru.parameters():
            p.uniform_(-1.0, 1.0)
    x = torch.randn(batch, steps, n_in, dtype=torch.float64) * 1.5
    with torch.no_grad():
        out, _ = gru(x)
    weights = []
    for k in range(layers):
        weights.append({
            "W": getattr(gru, f"weight_ih_l{k}").T.tolist(),
            "R": getattr(gru, f"weight_hh_l{k}").T.tolist(),
            "Wb": getattr(gru, f"bias_ih_l{k}").tolist(),
            "Rb": getattr(gru, f"bias_hh_l{k}").tolist(),
        })
    return {
        "name": name,
        "nIn": n_in,
        "units": units,
        "layers": weights,
        "input": x.permute(0, 2, 1).tolist(),
        "sequence": out.permute(0, 2, 1).tolist(),
        "last": out[:, -1, :].tolist(),
    }


golden = {
    "torch": torch.__version__,
    "cases": [
        case("single", 1, batch=2, n_in=3, units=4, steps=5, seed=11),
        case("stacked", 2, batch=2, n_in=3, units=4, steps=5, seed=12),
    ],
}
with open("src/test/resources/engine/gru-golden.json", "w") as f:
    json.dump(golden, f, indent=1)
print("wrote", len(golden["cases"]), "cases with torch", torch.__version__)
