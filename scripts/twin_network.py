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


class SpectrogramBatchNorm(nn.Module):
    """One scale and shift for the whole spectrogram (BatchNorm2d(1) over its one channel)."""

    def __init__(self):
        super().__init__()
        self.norm = nn.BatchNorm2d(1)

    def forward(self, x):
        return self.norm(x)


class TimeMaxPool(nn.Module):
    """The largest value over all frames, per channel and band."""

    def forward(self, x):
        return x.amax(dim=3, keepdim=True)


# A block's activation by its spec name; bundles written before there was a choice hold none and used ELU.
ACTIVATIONS = {"ELU": F.elu, "RELU": F.relu}


class ConvBlock(nn.Module):
    """Convolution (time "same", frequency "same" or "valid"), batch norm, ELU or ReLU, max pool dropping the
    remainder."""

    def __init__(self, inputs, out, kernel, frequency_padding, pool, activation="ELU"):
        super().__init__()
        top, bottom = same_padding(kernel[0]) if frequency_padding == "SAME" else (0, 0)
        left, right = same_padding(kernel[1])
        # Symmetric padding inside the convolution saves a padded copy; only even kernels need it outside.
        symmetric = top == bottom and left == right
        self.padding = None if symmetric else (left, right, top, bottom)
        self.conv = nn.Conv2d(inputs, out, kernel, padding=(top, left) if symmetric else 0)
        self.norm = nn.BatchNorm2d(out)
        self.pool = nn.MaxPool2d(pool)
        self.activation = ACTIVATIONS[activation]

    def forward(self, x):
        if self.padding is not None:
            x = F.pad(x, self.padding)
        return self.pool(self.activation(self.norm(self.conv(x))))


class DenseBlock(nn.Module):
    def __init__(self, inputs, out, activation="ELU"):
        super().__init__()
        self.linear = nn.Linear(inputs, out)
        self.norm = nn.BatchNorm1d(out)
        self.activation = ACTIVATIONS[activation]

    def forward(self, x):
        return self.activation(self.norm(self.linear(x.flatten(1))))


class ConvBn(nn.Module):
    """A square convolution with stride, padding kernel // 2 on every side, batch norm, ReLU if asked."""

    def __init__(self, inputs, out, kernel, stride, relu):
        super().__init__()
        self.conv = nn.Conv2d(inputs, out, kernel, stride=stride, padding=kernel // 2)
        self.norm = nn.BatchNorm2d(out)
        self.relu = relu

    def forward(self, x):
        x = self.norm(self.conv(x))
        return F.relu(x) if self.relu else x


class Add(nn.Module):
    def __init__(self, relu):
        super().__init__()
        self.relu = relu

    def forward(self, *xs):
        total = sum(xs[1:], xs[0])
        return F.relu(total) if self.relu else total


class Concat(nn.Module):
    def forward(self, *xs):
        return torch.cat(xs, dim=1)


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


class Conv1dBlock(nn.Module):
    """Lee et al.'s sample-level block: Conv1d (padding kernel // 2, stride), batch norm, ReLU, max pool (1: none), on a
    map one band high [batch, channels, 1, frames], as the sota repo's Conv_1d on [batch, channels, frames]."""

    def __init__(self, inputs, out, kernel, stride, pool):
        super().__init__()
        self.conv = nn.Conv1d(inputs, out, kernel, stride=stride, padding=kernel // 2)
        self.norm = nn.BatchNorm1d(out)
        self.pool = nn.MaxPool1d(pool)

    def forward(self, x):
        return self.pool(F.relu(self.norm(self.conv(x.squeeze(2))))).unsqueeze(2)


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
                                     c["frequencyPadding"], (c["poolHeight"], c["poolWidth"]),
                                     c.get("activation", "ELU")),
    "Dropout": lambda c: nn.Dropout(c["rate"]),
    "DenseBlock": lambda c: DenseBlock(c["in"], c["out"], c.get("activation", "ELU")),
    "Gru": lambda c: Gru(c["in"], c["units"], c["returnSequences"]),
    "SigmoidOutput": lambda c: SigmoidOutput(c["in"], c["tags"]),
    "SpectrogramBatchNorm": lambda c: SpectrogramBatchNorm(),
    "TimeMaxPool": lambda c: TimeMaxPool(),
    "ConvBn": lambda c: ConvBn(c["inChannels"], c["outChannels"], c["kernel"], c["stride"], c["relu"]),
    "Add": lambda c: Add(c["relu"]),
    "Concat": lambda c: Concat(),
    "Conv1dBlock": lambda c: Conv1dBlock(c["inChannels"], c["outChannels"], c["kernel"], c["stride"], c["pool"]),
    "Lstm": lambda c: Lstm(c["in"], c["units"], c["bidirectional"]),
    "AttentionPooling": lambda c: AttentionPooling(c["in"]),
    # Kernel = stride, floor mode: what does not fill a window is dropped, as tagbench's pools drop it.
    "AveragePool": lambda c: nn.AvgPool2d((c["height"], c["width"])),
}
TWINS["DenseBlock"] = lambda c: DenseBlock(c["in"], c["out"], c.get("activation", "ELU"))


class Graph(nn.Sequential):
    """The summary's nodes in order, each on the outputs of the nodes its "inputs" name (-1: the network's input).
    A Sequential underneath, so that its state_dict keys are "<node>.<name>" as for a chain."""

    def __init__(self, nodes, inputs):
        super().__init__(*nodes)
        self.inputs = inputs

    def forward(self, x):
        outputs = []
        for node, reads in zip(self, self.inputs):
            outputs.append(node(*(x if i == -1 else outputs[i] for i in reads)))
        return outputs[-1]


def network(summary):
    """nn.Sequential of the summary's layers (a Graph where nodes read other than the one before); ValueError naming
    the layer kind or the count that does not match."""
    for node in summary["layers"]:
        if node["kind"] not in TWINS:
            raise ValueError(f"no twin for layer kind {node['kind']!r}")
    nodes = [TWINS[node["kind"]](node["config"]) for node in summary["layers"]]
    # A summary without "inputs" (a bundle written before graphs) is a chain.
    inputs = [node.get("inputs", [i - 1]) for i, node in enumerate(summary["layers"])]
    chain = all(reads == [i - 1] for i, reads in enumerate(inputs))
    model = nn.Sequential(*nodes) if chain else Graph(nodes, inputs)
    params = trainable_params(model)
    if params != summary["params"]:
        raise ValueError(f"the twin of {summary['arch']} has {params} trainable parameters, "
                         f"tagbench's {summary['params']}")
    return model


def trainable_params(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
