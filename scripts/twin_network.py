"""The PyTorch twin of a tagbench network, built layer by layer from the JSON of `tagbench model summary --json`
(each layer's kind and fields) and checked to have exactly tagbench's trainable-parameter count. PyTorch's own
initialisation, batch norm and layers throughout: the reference a plain PyTorch script would train.
Imported by scripts/bench_twins.py (step timing) and scripts/train_twin.py (training end to end)."""
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


class Lstm(nn.Module):
    """torch.nn.LSTM over the map's width (features channel-major, as for the GRU), every state out, [batch, steps,
    directions * units], forward states first."""

    def __init__(self, inputs, units, bidirectional):
        super().__init__()
        self.lstm = nn.LSTM(inputs, units, batch_first=True, bidirectional=bidirectional)

    def forward(self, x):
        if x.dim() == 4:
            x = x.permute(0, 3, 1, 2).flatten(2)
        out, _ = self.lstm(x)
        return out


class AttentionPooling(nn.Module):
    """A bias-free score per step, softmax over the steps, the steps' features summed with those weights."""

    def __init__(self, inputs):
        super().__init__()
        self.score = nn.Linear(inputs, 1, bias=False)

    def forward(self, x):
        return (x * torch.softmax(self.score(x), dim=1)).sum(1)


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
    "Lstm": lambda c: Lstm(c["in"], c["units"], c["bidirectional"]),
    "AttentionPooling": lambda c: AttentionPooling(c["in"]),
}


def network(summary):
    """nn.Sequential of the summary's layers; ValueError naming the layer kind or the count that does not match."""
    for node in summary["layers"]:
        if node["kind"] not in TWINS:
            raise ValueError(f"no twin for layer kind {node['kind']!r}")
    model = nn.Sequential(*(TWINS[node["kind"]](node["config"]) for node in summary["layers"]))
    params = trainable_params(model)
    if params != summary["params"]:
        raise ValueError(f"the twin of {summary['arch']} has {params} trainable parameters, "
                         f"tagbench's {summary['params']}")
    return model


def trainable_params(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
