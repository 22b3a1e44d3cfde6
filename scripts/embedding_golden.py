"""Golden layer outputs for Network.layerOutputs (src/test/resources/engine/embedding-golden-ARCH.json): random
weights in tagbench's engine-neutral layout (model.WeightLayout names, PyTorch state_dict shapes) and a random
log-mel batch, pushed through the network written out here with torch.nn.functional in float64, layer by layer in
inference mode (batch norm on running statistics, dropout off). Independent of tagbench's engines: only the layer
list of `tagbench model summary --json` is read (each layer's `inputs`, for a graph such as shortchunk-res: the
nodes it reads, -1 for the network's input; a chain's layers read the one before).

The short-chunk CNN's input is long enough that its max over time sees two frames.

Rerun (from the repository root, after ./mvnw -q -DskipTests package):
  for a in "k2c2 3,4,5,6,7 24x45" "crnn 3,4,5,6,5,4 24x45" "fcn 3,4,5,6,7 24x45" \
      "shortchunk 3,4,5,6,5,4,7,6 8x260" "shortchunk-res 3,3,4,4,4,4,6,6 20x24"; do set -- $a
    ./tagbench model summary --arch $1 --input $3 --tags 5 --widths $2 --json > /tmp/$1.json
    /usr/bin/python3 scripts/embedding_golden.py /tmp/$1.json src/test/resources/engine/embedding-golden-$1.json
  done
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

BN_EPS = 1e-5  # the pytorch conventions' batch norm epsilon (TrainingConventions.PYTORCH)
ROWS = 3


def draw_weights(layers, rng):
    """Float32 weights named and shaped as model.WeightLayout says, running variances positive."""
    weights = {}

    def put(name, shape, low=-0.5, high=0.5):
        weights[name] = rng.uniform(low, high, size=shape).astype(np.float32)

    def batch_norm(prefix, n):
        put(prefix + "weight", (n,), 0.5, 1.5)
        put(prefix + "bias", (n,))
        put(prefix + "running_mean", (n,))
        put(prefix + "running_var", (n,), 0.5, 1.5)

    for i, layer in enumerate(layers):
        p, kind, c = f"layers.{i}.", layer["kind"], layer["config"]
        if kind == "TimeBatchNorm":
            batch_norm(p, c["frames"])
        elif kind == "SpectrogramBatchNorm":
            batch_norm(p, 1)
        elif kind == "ConvBlock":
            put(p + "conv.weight", (c["outChannels"], c["inChannels"], c["kernelHeight"], c["kernelWidth"]))
            put(p + "conv.bias", (c["outChannels"],))
            batch_norm(p + "bn.", c["outChannels"])
        elif kind == "DenseBlock":
            put(p + "linear.weight", (c["out"], c["in"]))
            put(p + "linear.bias", (c["out"],))
            batch_norm(p + "bn.", c["out"])
        elif kind == "Gru":
            put(p + "weight_ih", (3 * c["units"], c["in"]))
            put(p + "weight_hh", (3 * c["units"], c["units"]))
            put(p + "bias_ih", (3 * c["units"],))
            put(p + "bias_hh", (3 * c["units"],))
        elif kind == "SigmoidOutput":
            put(p + "linear.weight", (c["tags"], c["in"]))
            put(p + "linear.bias", (c["tags"],))
        elif kind == "ConvBn":
            put(p + "conv.weight", (c["outChannels"], c["inChannels"], c["kernel"], c["kernel"]))
            put(p + "conv.bias", (c["outChannels"],))
            batch_norm(p + "bn.", c["outChannels"])
    return weights


# A block's activation by its spec name; summaries written before there was a choice hold none (ELU).
ACTIVATIONS = {"ELU": F.elu, "RELU": F.relu}


def same(kernel):
    """Zeros before and after for "same" padding: one less before than after for an even kernel."""
    return (kernel - 1) // 2, kernel - 1 - (kernel - 1) // 2


def batch_norm(x, w, prefix, axis):
    shape = [1] * x.dim()
    shape[axis] = -1
    g = lambda name: w[prefix + name].view(shape)
    return (x - g("running_mean")) / torch.sqrt(g("running_var") + BN_EPS) * g("weight") + g("bias")


def gru(sequence, w, p, units):
    """PyTorch's GRU written out: reset after the recurrent product, gate blocks reset | update | new."""
    h = torch.zeros(sequence.shape[0], units, dtype=torch.float64)
    states = []
    for t in range(sequence.shape[1]):
        gi = sequence[:, t] @ w[p + "weight_ih"].T + w[p + "bias_ih"]
        gh = h @ w[p + "weight_hh"].T + w[p + "bias_hh"]
        r = torch.sigmoid(gi[:, :units] + gh[:, :units])
        z = torch.sigmoid(gi[:, units:2 * units] + gh[:, units:2 * units])
        n = torch.tanh(gi[:, 2 * units:] + r * gh[:, 2 * units:])
        h = (1 - z) * n + z * h
        states.append(h)
    return torch.stack(states, 1)


def forward(layers, w, x):
    """Every layer's output for x [rows, 1, bands, frames], in inference mode."""
    network_input, maps, outputs = x, [], []
    for i, layer in enumerate(layers):
        p, kind, c = f"layers.{i}.", layer["kind"], layer["config"]
        read = [network_input if j == -1 else maps[j] for j in layer.get("inputs", [i - 1])]
        x = read[0]
        if kind == "TimePadding":
            x = F.pad(x, (c["left"], c["right"]))
        elif kind == "TimeBatchNorm":
            x = batch_norm(x, w, p, 3)
        elif kind == "ConvBlock":
            top, bottom = same(c["kernelHeight"]) if c["frequencyPadding"] == "SAME" else (0, 0)
            left, right = same(c["kernelWidth"])
            x = F.conv2d(F.pad(x, (left, right, top, bottom)), w[p + "conv.weight"], w[p + "conv.bias"])
            x = ACTIVATIONS[c.get("activation", "ELU")](batch_norm(x, w, p + "bn.", 1))
            x = F.max_pool2d(x, (c["poolHeight"], c["poolWidth"]))
        elif kind == "Dropout":
            pass
        elif kind == "DenseBlock":
            dense = x.flatten(1) @ w[p + "linear.weight"].T + w[p + "linear.bias"]
            x = ACTIVATIONS[c.get("activation", "ELU")](batch_norm(dense, w, p + "bn.", 1))
        elif kind == "Gru":
            # A feature map is a sequence over its width, feature index channel * height + band.
            sequence = x.flatten(1, 2).transpose(1, 2) if x.dim() == 4 else x
            states = gru(sequence, w, p, c["units"])
            x = states.transpose(1, 2).unsqueeze(2) if c["returnSequences"] else states[:, -1]
        elif kind == "SpectrogramBatchNorm":
            x = batch_norm(x, w, p, 1)
        elif kind == "TimeMaxPool":
            x = x.amax(dim=3, keepdim=True)
        elif kind == "SigmoidOutput":
            x = torch.sigmoid(x.flatten(1) @ w[p + "linear.weight"].T + w[p + "linear.bias"])
        elif kind == "ConvBn":
            x = F.conv2d(x, w[p + "conv.weight"], w[p + "conv.bias"], stride=c["stride"], padding=c["kernel"] // 2)
            x = batch_norm(x, w, p + "bn.", 1)
            x = F.relu(x) if c["relu"] else x
        elif kind == "Add":
            x = sum(read)
            x = F.relu(x) if c["relu"] else x
        elif kind == "Concat":
            x = torch.cat(read, 1)
        else:
            raise ValueError(kind)
        maps.append(x)
        outputs.append(x.flatten(1))
    return outputs


def main(summary_file, out_file):
    summary = json.load(open(summary_file))
    layers = summary["layers"]
    bands, frames = summary["input"]
    rng = np.random.default_rng(20261202)
    weights = draw_weights(layers, rng)
    features = rng.standard_normal((ROWS, 1, bands, frames)).astype(np.float32)
    w64 = {k: torch.from_numpy(v.astype(np.float64)) for k, v in weights.items()}
    with torch.no_grad():
        outputs = forward(layers, w64, torch.from_numpy(features.astype(np.float64)))
    golden = {
        "made_by": "scripts/embedding_golden.py",
        "arch": summary["arch"], "input": [bands, frames], "tags": summary["tags"], "widths": summary["widths"],
        "weights": {k: {"shape": list(v.shape), "values": v.ravel().tolist()} for k, v in weights.items()},
        "features": features.ravel().tolist(),
        "rows": ROWS,
        "layer_outputs": [o.numpy().tolist() for o in outputs],
    }
    with open(out_file, "w") as f:
        json.dump(golden, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
