#!/usr/bin/python3
"""The PyTorch twin of a tagbench network, for docs/benchmarks.md: built layer by layer from the JSON of
`tagbench model summary --json` (each layer's kind and fields), checked to have exactly tagbench's trainable
parameter count, then timed: training steps (forward, BCE with logits, backward, Adam) on a fixed random batch.
Prints one JSON object with the same fields as `tagbench bench step --json`. Needs Debian's python3-torch.

  java -jar target/tagbench.jar model summary --json --arch k2c2 --params 1M --input 96x1366 > k2c2.json
  /usr/bin/python3 scripts/bench_twins.py --summary k2c2.json --steps 5 --warmup 2

Run by scripts/bench_engines.sh, one configuration per process so that the peak RSS is that configuration's."""
import argparse
import json
import resource
import statistics
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


def same_padding(kernel):
    """Zeros before and after for "same": one less before than after for an even kernel, as tagbench pads."""
    total = kernel - 1
    return total // 2, total - total // 2


class TimePadding(nn.Module):
    def __init__(self, left, right):
        super().__init__()
        self.left, self.right = left, right

    def forward(self, x):
        return F.pad(x, (self.left, self.right))


class TimeBatchNorm(nn.Module):
    """One scale and shift per time frame, statistics over the batch and the mel bands."""

    def __init__(self, frames):
        super().__init__()
        self.norm = nn.BatchNorm2d(frames)

    def forward(self, x):
        return self.norm(x.transpose(1, 3)).transpose(1, 3)


class ConvBlock(nn.Module):
    """Convolution (time "same", frequency "same" or "valid"), batch norm, ELU, max pool dropping the remainder."""

    def __init__(self, inputs, out, kernel, frequency_padding, pool):
        super().__init__()
        top, bottom = same_padding(kernel[0]) if frequency_padding == "SAME" else (0, 0)
        left, right = same_padding(kernel[1])
        # Symmetric padding inside the convolution saves a padded copy; only even kernels need it outside.
        symmetric = top == bottom and left == right
        self.padding = None if symmetric else (left, right, top, bottom)
        self.conv = nn.Conv2d(inputs, out, kernel, padding=(top, left) if symmetric else 0)
        self.norm = nn.BatchNorm2d(out)
        self.pool = nn.MaxPool2d(pool)

    def forward(self, x):
        if self.padding is not None:
            x = F.pad(x, self.padding)
        return self.pool(F.elu(self.norm(self.conv(x))))


class DenseBlock(nn.Module):
    def __init__(self, inputs, out):
        super().__init__()
        self.linear = nn.Linear(inputs, out)
        self.norm = nn.BatchNorm1d(out)

    def forward(self, x):
        return F.elu(self.norm(self.linear(x.flatten(1))))


class Gru(nn.Module):
    """A GRU over the map's width; features per step are channel-major (channel * height + row), as tagbench's."""

    def __init__(self, inputs, units, return_sequences):
        super().__init__()
        self.gru = nn.GRU(inputs, units, batch_first=True)
        self.sequences = return_sequences

    def forward(self, x):
        if x.dim() == 4:
            x = x.permute(0, 3, 1, 2).flatten(2)
        out, _ = self.gru(x)
        return out if self.sequences else out[:, -1, :]


class SigmoidOutput(nn.Module):
    """The output layer; the sigmoid is inside the loss (BCE with logits), as PyTorch trains."""

    def __init__(self, inputs, tags):
        super().__init__()
        self.linear = nn.Linear(inputs, tags)

    def forward(self, x):
        return self.linear(x.flatten(1))


# Each layer kind of tagbench's ModelSpec, built from its fields as `model summary --json` lists them.
TWINS = {
    "TimePadding": lambda c: TimePadding(c["left"], c["right"]),
    "TimeBatchNorm": lambda c: TimeBatchNorm(c["frames"]),
    "ConvBlock": lambda c: ConvBlock(c["inChannels"], c["outChannels"], (c["kernelHeight"], c["kernelWidth"]),
                                     c["frequencyPadding"], (c["poolHeight"], c["poolWidth"])),
    "Dropout": lambda c: nn.Dropout(c["rate"]),
    "DenseBlock": lambda c: DenseBlock(c["in"], c["out"]),
    "Gru": lambda c: Gru(c["in"], c["units"], c["returnSequences"]),
    "SigmoidOutput": lambda c: SigmoidOutput(c["in"], c["tags"]),
}


def twin(node):
    if node["kind"] not in TWINS:
        sys.exit(f"bench_twins.py: no twin for layer kind {node['kind']!r}")
    return TWINS[node["kind"]](node["config"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", required=True, help="JSON of tagbench model summary --json ('-' = stdin)")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=5, help="timed steps")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads")
    parser.add_argument("--interop", type=int, default=1, help="inter-op threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.interop)
    torch.manual_seed(1)
    with (sys.stdin if args.summary == "-" else open(args.summary)) as f:
        summary = json.load(f)

    model = nn.Sequential(*(twin(node) for node in summary["layers"]))
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if params != summary["params"]:
        sys.exit(f"bench_twins.py: the twin of {summary['arch']} has {params} trainable parameters, "
                 f"tagbench's {summary['params']}")
    mels, frames = summary["input"]
    x = torch.randn(args.batch, 1, mels, frames) * 20 - 40
    y = (torch.rand(args.batch, summary["tags"]) < 0.1).float()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_of = nn.BCEWithLogitsLoss()
    model.train()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    seconds = []
    for _ in range(args.steps):
        start = time.perf_counter()
        loss = step()
        seconds.append(time.perf_counter() - start)
    print(json.dumps({
        "engine": "torch-twin",
        "backend": f"python torch {torch.__version__} ({torch.get_num_threads()} threads, "
                   f"{torch.get_num_interop_threads()} inter-op)",
        "arch": summary["arch"], "input": [mels, frames], "tags": summary["tags"], "widths": summary["widths"],
        "params": params, "batch": args.batch, "warmup": args.warmup, "step_seconds": seconds,
        "median_s": statistics.median(seconds), "mean_s": statistics.fmean(seconds), "loss": loss,
        # Linux reports ru_maxrss in kB.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
