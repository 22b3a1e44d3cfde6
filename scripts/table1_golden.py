#!/usr/bin/python3
"""Builds Choi et al. 2017's four architectures (arXiv 1609.04243) in PyTorch at every Table 1 width and counts
their trainable parameters, for model.Table1Test.

Run from the project root with Debian's Python (torch 1.13):

    /usr/bin/python3 scripts/table1_golden.py

It writes src/test/resources/model/table1-golden.json: per architecture and budget, the Table 1 widths per group,
the trainable parameter count and every trainable array's name and shape. The networks are nn.Modules written
here from the paper and the readings of docs/architectures.md, on a 96 x 1366 log-mel input with 50 tags: a
batch norm per time frame first (BatchNorm1d over the frames), convolutions with bias each followed by
BatchNorm2d, ELU and a floor max pool, dense hidden layers with bias, BatchNorm1d and ELU, PyTorch's GRU cell
(two biases per gate) and a linear sigmoid output. They are named as PyTorch state_dicts, one entry of the
ModuleList `layers` per layer of the spec (padding and dropout included, which hold no weights), which is
tagbench's weight layout. Shapes come from a forward pass on the meta device (no arithmetic, a few seconds), so
every dense and GRU input size is what the pools actually leave. scripts/crnn_table1_counts.py compares other
readings of the CRNN (GRU biases, input batch norm).
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

MEL_BANDS, FRAMES, TAGS = 96, 1366, 50
# Table 1: widths per group, e.g. k2c2's conv1 / conv2-3 / conv4 / conv5.
TABLE1 = {
    "k1c2": {100_000: (15, 30, 30), 250_000: (23, 47, 47), 500_000: (33, 66, 66), 1_000_000: (47, 95, 95),
             3_000_000: (81, 163, 163)},
    "k2c1": {100_000: (43, 87, 87), 250_000: (72, 145, 145), 500_000: (106, 212, 212),
             1_000_000: (152, 304, 304), 3_000_000: (265, 535, 535)},
    "k2c2": {100_000: (20, 41, 62, 83), 250_000: (33, 66, 100, 133), 500_000: (47, 95, 142, 190),
             1_000_000: (67, 135, 203, 271), 3_000_000: (118, 236, 355, 473)},
    "crnn": {100_000: (30, 60, 30), 250_000: (48, 96, 48), 500_000: (68, 137, 68), 1_000_000: (96, 195, 96),
             3_000_000: (169, 339, 169)},
}
# The group of each layer's width, in layer order.
GROUPS = {"k1c2": (0, 0, 1, 1, 2, 2), "k2c1": (0, 0, 0, 1, 1, 2, 2), "k2c2": (0, 1, 1, 2, 3),
          "crnn": (0, 1, 1, 1, 2, 2)}


class TimeBatchNorm(nn.BatchNorm1d):
    """Batch norm with one scale and shift per time frame, statistics over batch and mel bands."""

    def forward(self, x):
        b, c, f, t = x.shape
        return super().forward(x.permute(0, 3, 1, 2).reshape(b, t, c * f)).reshape(b, t, c, f).permute(0, 2, 3, 1)


def same(kernel):
    """Zero padding before and after for a "same" convolution (one less before when the kernel is even)."""
    return (kernel - 1) // 2, kernel // 2


class ConvBlock(nn.Module):
    def __init__(self, c_in, c_out, kernel, pool, frequency_same=True):
        super().__init__()
        top, bottom = same(kernel[0]) if frequency_same else (0, 0)
        self.padding = (*same(kernel[1]), top, bottom)
        self.conv = nn.Conv2d(c_in, c_out, kernel)
        self.bn = nn.BatchNorm2d(c_out)
        self.pool = pool

    def forward(self, x):
        return F.max_pool2d(F.elu(self.bn(self.conv(F.pad(x, self.padding)))), self.pool)


class DenseBlock(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.linear = nn.Linear(n_in, n_out)
        self.bn = nn.BatchNorm1d(n_out)

    def forward(self, x):
        return F.elu(self.bn(self.linear(x.flatten(1))))


class Gru(nn.GRUCell):
    """A GRU over the map's time axis ([batch, features, 1, steps]), returning every state or only the last."""

    def __init__(self, n_in, units, sequences):
        super().__init__(n_in, units)
        self.sequences = sequences

    def forward(self, x):
        steps = x.flatten(1, 2).permute(2, 0, 1)
        h = torch.zeros(x.shape[0], self.hidden_size, device=x.device)
        states = []
        for step in steps:
            h = super().forward(step, h)
            states.append(h)
        return torch.stack(states, 2).unsqueeze(2) if self.sequences else h


class Output(nn.Module):
    def __init__(self, n_in, tags):
        super().__init__()
        self.linear = nn.Linear(n_in, tags)

    def forward(self, x):
        return torch.sigmoid(self.linear(x.flatten(1)))


class Network(nn.Module):
    """Layers appended one by one, each sized by the shape the ones before leave (a meta-device forward)."""

    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList()
        self.shape = torch.empty(2, 1, MEL_BANDS, FRAMES, device="meta")

    def add(self, layer):
        layer = layer.to("meta").eval()
        self.shape = layer(self.shape)
        self.layers.append(layer)
        return self

    def flat(self):
        return self.shape[0].numel()


def k2c2(w):
    net = Network().add(TimeBatchNorm(FRAMES))
    for c_out, pool in zip(w, ((2, 4), (2, 4), (2, 4), (3, 5), (4, 4))):
        net.add(ConvBlock(net.shape.shape[1], c_out, (3, 3), pool))
    return net.add(Output(net.flat(), TAGS))


def k2c1(w):
    net = Network().add(TimeBatchNorm(FRAMES))
    net.add(ConvBlock(1, w[0], (MEL_BANDS, 4), (1, 4), frequency_same=False))
    for c_out in w[1:5]:
        net.add(ConvBlock(net.shape.shape[1], c_out, (1, 4), (1, 4)))
    return dense_head(net, w[5:])


def k1c2(w):
    net = Network().add(TimeBatchNorm(FRAMES))
    for c_out, pool in zip(w[:4], (4, 5, 8, 8)):
        net.add(ConvBlock(net.shape.shape[1], c_out, (1, 4), (1, pool)))
    return dense_head(net, w[4:])


def dense_head(net, widths):
    for n_out in widths:
        net.add(DenseBlock(net.flat(), n_out))
    return net.add(Output(net.flat(), TAGS))


def crnn(w):
    # The author's code zero-pads the 1366 frames to 1440, 37 each side, so that the time pools divide it.
    net = Network().add(nn.ZeroPad2d((37, 37, 0, 0))).add(TimeBatchNorm(1440))
    for c_out, pool in zip(w[:4], ((2, 2), (3, 3), (4, 4), (4, 4))):
        net.add(ConvBlock(net.shape.shape[1], c_out, (3, 3), pool)).add(nn.Dropout(0.1))
    net.add(Gru(net.shape.shape[1] * net.shape.shape[2], w[4], True))
    net.add(Gru(w[4], w[5], False))
    return net.add(nn.Dropout(0.3)).add(Output(net.flat(), TAGS))


BUILD = {"k1c2": k1c2, "k2c1": k2c1, "k2c2": k2c2, "crnn": crnn}


def main():
    rows = []
    for arch, budgets in TABLE1.items():
        for budget, groups in budgets.items():
            net = BUILD[arch]([groups[g] for g in GROUPS[arch]])
            arrays = {name: list(p.shape) for name, p in net.named_parameters() if p.requires_grad}
            params = sum(p.numel() for p in net.parameters() if p.requires_grad)
            rows.append({"arch": arch, "budget": budget, "groups": list(groups), "params": params,
                         "arrays": arrays})
            print(f"{arch} {budget:>9,}: {params:>9,} ({100 * (params - budget) / budget:+.2f}%)")
    with open("src/test/resources/model/table1-golden.json", "w") as file:
        file.write("[\n" + ",\n".join(json.dumps(row) for row in rows) + "\n]\n")


if __name__ == "__main__":
    main()
