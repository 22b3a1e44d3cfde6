#!/usr/bin/python3
"""Writes src/test/resources/engine/bilstm-attn-golden.json: a small bilstm-attn network (four conv / batch norm /
ELU / max-pool blocks, torch.nn.LSTM bidirectional, attention pooling, a sigmoid output) written here in plain
torch, in float64, with seeded random weights (batch norms with random running statistics), evaluated on a seeded
random log-mel batch: an independent reference for both engines' Lstm and AttentionPooling layers. Weights carry
tagbench's layout names (PyTorch state_dict names, layers.i.*). The pools are the ones tagbench's BilstmAttn picks
for a 16 x 40 input (BilstmAttnGoldenTest checks that). Run from the project root:
/usr/bin/python3 scripts/lstm_golden.py"""
import json

import torch
import torch.nn.functional as F

MELS, FRAMES, TAGS, ROWS = 16, 40, 3, 4
CONVS = [3, 4, 5, 5]
UNITS = 4
FREQ_POOLS = [2, 4, 2, 1]
TIME_POOLS = [2, 2, 2, 1]
EPS = 1e-5  # batch norm epsilon of the pytorch conventions

torch.manual_seed(18)
dt = torch.float64
weights = {}


def rand(*shape, scale=0.5):
    return (torch.rand(*shape, dtype=dt) * 2 - 1) * scale


def conv_block(x, i, c_in, c_out, pool):
    p = f"layers.{i}."
    w, b = rand(c_out, c_in, 3, 3), rand(c_out, scale=0.1)
    gamma, beta = 1 + rand(c_out, scale=0.3), rand(c_out, scale=0.3)
    mean, var = rand(c_out, scale=0.3), 1 + rand(c_out, scale=0.5)
    for name, value in [("conv.weight", w), ("conv.bias", b), ("bn.weight", gamma), ("bn.bias", beta),
                        ("bn.running_mean", mean), ("bn.running_var", var)]:
        weights[p + name] = value
    y = F.conv2d(x, w, b, padding=1)
    y = F.batch_norm(y, mean, var, gamma, beta, training=False, eps=EPS)
    return F.max_pool2d(F.elu(y), pool, pool)


x = torch.randn(ROWS, MELS, FRAMES, dtype=dt) * 2
h = x.unsqueeze(1)
c_in = 1
for i, c_out in enumerate(CONVS):
    h = conv_block(h, i, c_in, c_out, (FREQ_POOLS[i], TIME_POOLS[i]))
    c_in = c_out
batch, channels, bands, steps = h.shape
sequence = h.reshape(batch, channels * bands, steps).permute(0, 2, 1)
lstm = torch.nn.LSTM(channels * bands, UNITS, batch_first=True, bidirectional=True, dtype=dt)
with torch.no_grad():
    for name, p in lstm.named_parameters():
        # Wider than torch's default so that the gates leave their linear range.
        p.uniform_(-0.8, 0.8)
        weights[f"layers.4.{name}"] = p.detach().clone()
    states, _ = lstm(sequence)
score = rand(1, 2 * UNITS, scale=1.0)
weights["layers.5.score.weight"] = score
attention = torch.softmax(states @ score.T, dim=1)
pooled = (states * attention).sum(dim=1)
out_w, out_b = rand(TAGS, 2 * UNITS), rand(TAGS, scale=0.1)
weights["layers.7.linear.weight"] = out_w
weights["layers.7.linear.bias"] = out_b
probabilities = torch.sigmoid(pooled @ out_w.T + out_b)

golden = {
    "torch": torch.__version__,
    "input": [MELS, FRAMES],
    "tags": TAGS,
    "widths": CONVS + [UNITS],
    "freq_pools": FREQ_POOLS,
    "time_pools": TIME_POOLS,
    "features": x.flatten().tolist(),
    "weights": {k: {"shape": list(v.shape), "values": v.flatten().tolist()} for k, v in weights.items()},
    # The LSTM's states as the spec's shape says, [rows, 2 units, 1, steps], and attention pooling's [rows, 2 units].
    "lstm": states.permute(0, 2, 1).reshape(ROWS, -1).tolist(),
    "attention": pooled.tolist(),
    "probabilities": probabilities.tolist(),
}
with open("src/test/resources/engine/bilstm-attn-golden.json", "w") as f:
    json.dump(golden, f)
print("wrote bilstm-attn golden:", steps, "steps, torch", torch.__version__)
