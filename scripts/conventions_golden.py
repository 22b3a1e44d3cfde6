#!/usr/bin/python3
"""Writes src/test/resources/engine/conventions-golden.json: what each of tagbench's training conventions
(training.conventions: pytorch, keras, dl4j) must do, computed in float64 with torch, independently of tagbench.

- "init": for a fixed spec with every layer kind (a per-frame input batch norm, two convolution blocks with batch
  norm, a GRU, a dense block with batch norm, the output layer), per convention and per array of tagbench's weight
  layout, facts about the distribution its initial values are drawn from, measured over many draws of the
  reference initialiser: torch.nn's own modules (Conv2d, Linear, GRU, BatchNorm) for pytorch; torch.nn.init's
  xavier_uniform_ and orthogonal_ on Keras's kernel shapes (transposed into the layout) for keras; kaiming_normal_
  (fan in, ReLU gain) and xavier_uniform_ for dl4j. A fact is a constant's value, or the largest |value| seen
  (a uniform's bound, approached from below), the standard deviation and the kurtosis; for an orthogonal array
  also the largest deviation of W^T W from the identity.
- "step": for a small spec of the same layer kinds, FIXED initial weights and running statistics and a fixed batch
  (all float32 values), one training step per convention: the forward pass in training mode, the convention's loss,
  backward, the convention's Adam step and batch norm's running-statistics update; the weights and running
  statistics after it, the loss, and the epsilon of Adam's first step in the form lr * g / (|g| + e). The dl4j convention has two cases: on the dl4j engine its loss is DL4J's
  LossBinaryXENT (clipped sigmoid outputs, summed over the tags, averaged over the rows; the script checks that the
  clip stays inactive), on the pytorch engine the mean from logits, as each engine computed before conventions.
  "zero_gradient" names the arrays whose gradient is zero in exact arithmetic (a bias in front of a batch norm).
- "adam": a few parameters updated from a fixed sequence of gradients, some tiny so that where epsilon sits shows,
  per convention: torch.optim.Adam for pytorch; the "efficient" form lr * sqrt(1 - b2^t) / (1 - b1^t) * m /
  (sqrt(v) + eps) for keras (eps 1e-7; Keras 2.1.3 keras/optimizers.py Adam.get_updates) and dl4j (eps 1e-8).

Tagbench's layout: layers.i.conv.weight [out, in, kh, kw], layers.i.linear.weight [out, in], a GRU's weight_ih
[3 units, in] and weight_hh [3 units, units] with gate blocks reset | update | new, batch norm's weight, bias,
running_mean, running_var. Run from the project root: /usr/bin/python3 scripts/conventions_golden.py"""
import json
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = "src/test/resources/engine/conventions-golden.json"
VALUES_PER_ARRAY = 200_000
CONVENTIONS = {
    "pytorch": {"kept": 0.9, "eps": 1e-5, "unbiased": True, "adam_eps": 1e-8, "bias_corrected": True},
    "keras": {"kept": 0.99, "eps": 1e-3, "unbiased": False, "adam_eps": 1e-7, "bias_corrected": False},
    "dl4j": {"kept": 0.9, "eps": 1e-5, "unbiased": False, "adam_eps": 1e-8, "bias_corrected": False},
}
BETA1, BETA2 = 0.9, 0.999


def rounded(value):
    """Every number to 10 significant digits: far finer than float32 tolerances, and a small file."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- initialisation facts

# mel bands 8, frames 16, 10 tags: time bn (16) | conv 1->16 3x3 pool 2x2 | conv 16->32 3x3 pool 2x2 (-> 32 x 2 x 4)
# | GRU 64 -> 32, last step | dense 32 -> 48 | output 48 -> 10
INIT_SPEC = {"mels": 8, "frames": 16, "tags": 10, "conv": [[1, 16], [16, 32]], "kernel": 3, "pool": 2,
             "gru": [64, 32], "dense": [32, 48], "output": [48, 10]}


def keras_gru_kernel(n_in, units, init):
    """Keras's GRU kernel [n_in, 3 units] as the layout's [3 units, n_in]."""
    return init(torch.empty(n_in, 3 * units)).T.contiguous()


def init_draws(convention):
    """Per layout array: (kind, a function drawing it once) under the convention's reference initialiser."""
    nn = torch.nn
    init = nn.init
    s = INIT_SPEC
    k = s["kernel"]
    draws = {}

    def norm(prefix, n):
        draws[prefix + "weight"] = ("constant", lambda: nn.BatchNorm1d(n).weight)
        draws[prefix + "bias"] = ("constant", lambda: nn.BatchNorm1d(n).bias)
        draws[prefix + "running_mean"] = ("constant", lambda: nn.BatchNorm1d(n).running_mean)
        draws[prefix + "running_var"] = ("constant", lambda: nn.BatchNorm1d(n).running_var)

    def weights(name, shape, torch_module):
        if convention == "pytorch":
            draws[name + "weight"] = ("uniform", lambda: torch_module().weight)
            draws[name + "bias"] = ("uniform", lambda: torch_module().bias)
        elif convention == "keras":
            draws[name + "weight"] = ("uniform", lambda: init.xavier_uniform_(torch.empty(shape)))
            draws[name + "bias"] = ("constant", lambda: torch.zeros(shape[0]))
        else:
            draws[name + "weight"] = ("normal", lambda: init.kaiming_normal_(torch.empty(shape), mode="fan_in",
                                                                              nonlinearity="relu"))
            draws[name + "bias"] = ("constant", lambda: torch.zeros(shape[0]))

    norm("layers.0.", s["frames"])
    for i, (c_in, c_out) in enumerate(s["conv"]):
        layer = f"layers.{i + 1}."
        weights(layer + "conv.", (c_out, c_in, k, k), lambda c_in=c_in, c_out=c_out: nn.Conv2d(c_in, c_out, k))
        norm(layer + "bn.", c_out)
    n_in, units = s["gru"]
    gru = "layers.3."
    if convention == "pytorch":
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            draws[gru + name] = ("uniform", lambda name=name: getattr(nn.GRU(n_in, units), name + "_l0"))
    else:
        draws[gru + "weight_ih"] = ("uniform", lambda: keras_gru_kernel(n_in, units, init.xavier_uniform_))
        if convention == "keras":
            draws[gru + "weight_hh"] = ("orthogonal", lambda: keras_gru_kernel(units, units, init.orthogonal_))
        else:
            draws[gru + "weight_hh"] = ("uniform", lambda: keras_gru_kernel(units, units, init.xavier_uniform_))
        draws[gru + "bias_ih"] = ("constant", lambda: torch.zeros(3 * units))
        draws[gru + "bias_hh"] = ("constant", lambda: torch.zeros(3 * units))
    d_in, d_out = s["dense"]
    weights("layers.4.linear.", (d_out, d_in), lambda: nn.Linear(d_in, d_out))
    norm("layers.4.bn.", d_out)
    o_in, tags = s["output"]
    weights("layers.5.linear.", (tags, o_in), lambda: nn.Linear(o_in, tags))
    return draws


def facts(kind, draw):
    first = draw().detach()
    count = max(20, math.ceil(VALUES_PER_ARRAY / first.numel()))
    samples = [first] + [draw().detach() for _ in range(count - 1)]
    x = torch.cat([d.flatten() for d in samples])
    if kind == "constant":
        assert bool((x == x[0]).all()), "not a constant"
        return {"shape": list(first.shape), "kind": kind, "value": x[0].item()}
    centred = x - x.mean()
    std = centred.pow(2).mean().sqrt()
    out = {"shape": list(first.shape), "kind": kind, "values": x.numel(), "max_abs": x.abs().max().item(),
           "std": std.item(), "kurtosis": (centred.pow(4).mean() / std.pow(4)).item()}
    if kind == "orthogonal":
        out["gram_error"] = max((w.T @ w - torch.eye(w.shape[1])).abs().max().item() for w in samples)
    return out


def init_golden():
    torch.manual_seed(20261205)
    return {"spec": INIT_SPEC,
            "conventions": {c: {name: facts(kind, draw) for name, (kind, draw) in init_draws(c).items()}
                            for c in CONVENTIONS}}


# ---------------------------------------------------------------- one training step

# mel bands 4, frames 6, 3 tags, 4 rows: time bn (6) | conv 1->3 3x3 pool 2x2 (-> 3 x 2 x 3) | GRU 6 -> 4, last
# step | dense 4 -> 5 | output 5 -> 3
STEP_SPEC = {"mels": 4, "frames": 6, "tags": 3, "rows": 4, "conv": [1, 3], "gru": [6, 4], "dense": [4, 5],
             "output": [5, 3]}
LR = 0.1


def f32(t):
    return t.float().double()


def step_initial():
    """Fixed initial weights and running statistics, float32 values, drawn from a fixed generator."""
    g = torch.Generator().manual_seed(7)
    s = STEP_SPEC

    def u(shape, low, high):
        return f32(torch.rand(shape, generator=g) * (high - low) + low)

    p = {}

    def norm(prefix, n):
        p[prefix + "weight"] = u((n,), 0.8, 1.2)
        p[prefix + "bias"] = u((n,), -0.1, 0.1)
        p[prefix + "running_mean"] = u((n,), -0.2, 0.2)
        p[prefix + "running_var"] = u((n,), 0.5, 1.5)

    norm("layers.0.", s["frames"])
    c_in, c_out = s["conv"]
    p["layers.1.conv.weight"] = u((c_out, c_in, 3, 3), -0.5, 0.5)
    p["layers.1.conv.bias"] = u((c_out,), -0.2, 0.2)
    norm("layers.1.bn.", c_out)
    n_in, units = s["gru"]
    p["layers.2.weight_ih"] = u((3 * units, n_in), -0.5, 0.5)
    p["layers.2.weight_hh"] = u((3 * units, units), -0.5, 0.5)
    p["layers.2.bias_ih"] = u((3 * units,), -0.2, 0.2)
    p["layers.2.bias_hh"] = u((3 * units,), -0.2, 0.2)
    d_in, d_out = s["dense"]
    p["layers.3.linear.weight"] = u((d_out, d_in), -0.5, 0.5)
    p["layers.3.linear.bias"] = u((d_out,), -0.2, 0.2)
    norm("layers.3.bn.", d_out)
    o_in, tags = s["output"]
    p["layers.4.linear.weight"] = u((tags, o_in), -0.5, 0.5)
    p["layers.4.linear.bias"] = u((tags,), -0.2, 0.2)
    features = f32(torch.randn((s["rows"], s["mels"], s["frames"]), generator=g) + 0.3)
    labels = (torch.rand((s["rows"], tags), generator=g) < 0.5).double()
    return p, features, labels


def batch_norm(x, p, prefix, channel_axis, conv, running):
    """Training-mode batch norm over channel_axis; running statistics updated into `running`."""
    moved = x.movedim(channel_axis, 1)
    mean_key, var_key = prefix + "running_mean", prefix + "running_var"
    if conv is CONVENTIONS["pytorch"]:
        # torch.nn.functional.batch_norm itself: momentum 0.1 of the new batch, unbiased running variance.
        rm, rv = p[mean_key].clone(), p[var_key].clone()
        y = F.batch_norm(moved, rm, rv, p[prefix + "weight"], p[prefix + "bias"], training=True,
                         momentum=1 - conv["kept"], eps=conv["eps"])
    else:
        dims = [d for d in range(moved.dim()) if d != 1]
        shape = [1, -1] + [1] * (moved.dim() - 2)
        mean = moved.mean(dims)
        var = moved.var(dims, unbiased=False)
        n = moved.numel() // moved.shape[1]
        fed = var * n / (n - 1) if conv["unbiased"] else var
        rm = conv["kept"] * p[mean_key] + (1 - conv["kept"]) * mean.detach()
        rv = conv["kept"] * p[var_key] + (1 - conv["kept"]) * fed.detach()
        y = ((moved - mean.view(shape)) / torch.sqrt(var.view(shape) + conv["eps"]) * p[prefix + "weight"].view(shape)
             + p[prefix + "bias"].view(shape))
    running[mean_key], running[var_key] = rm.detach(), rv.detach()
    return y.movedim(1, channel_axis)


def logits_of(p, gru, features, conv, running):
    x = features.unsqueeze(1)                                      # [rows, 1, mels, frames]
    x = batch_norm(x, p, "layers.0.", 3, conv, running)            # one feature per frame
    x = F.conv2d(x, p["layers.1.conv.weight"], p["layers.1.conv.bias"], padding=1)
    x = F.max_pool2d(F.elu(batch_norm(x, p, "layers.1.bn.", 1, conv, running)), 2)
    rows, channels, height, width = x.shape
    sequence = x.reshape(rows, channels * height, width).permute(0, 2, 1)  # feature index channel * height + band
    states, _ = gru(sequence)
    x = F.linear(states[:, -1, :], p["layers.3.linear.weight"], p["layers.3.linear.bias"])
    x = F.elu(batch_norm(x, p, "layers.3.bn.", 1, conv, running))
    return F.linear(x, p["layers.4.linear.weight"], p["layers.4.linear.bias"])


def loss_of(logits, labels, form):
    """The training loss and the loss the network reports (the mean per row and tag)."""
    if form == "logits":
        loss = F.binary_cross_entropy_with_logits(logits, labels)
        return loss, loss
    # DL4J's LossBinaryXENT: probabilities clipped to [1e-5, 1 - 1e-5], summed over the tags, mean over rows.
    probabilities = torch.sigmoid(logits)
    assert bool(((probabilities > 1e-5) & (probabilities < 1 - 1e-5)).all()), "the clip would act"
    per_value = F.binary_cross_entropy(probabilities.clamp(1e-5, 1 - 1e-5), labels, reduction="none")
    return per_value.sum(1).mean(), per_value.mean()


def adam_step(params, conv, lr):
    """One Adam step from zero moments (t = 1) on every parameter with a gradient."""
    if conv["bias_corrected"]:
        optimizer = torch.optim.Adam(params, lr=lr, betas=(BETA1, BETA2), eps=conv["adam_eps"])
        optimizer.step()
        return
    with torch.no_grad():
        for w in params:
            m = (1 - BETA1) * w.grad
            v = (1 - BETA2) * w.grad ** 2
            rate = lr * math.sqrt(1 - BETA2) / (1 - BETA1)
            w -= rate * m / (v.sqrt() + conv["adam_eps"])


def step_case(initial, features, labels, conv, form):
    p = {k: v.clone().requires_grad_(not k.endswith(("running_mean", "running_var"))) for k, v in initial.items()}
    # torch.nn.GRU itself, its parameters standing in for the GRU's arrays.
    gru = torch.nn.GRU(*STEP_SPEC["gru"], batch_first=True)
    for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
        parameter = getattr(gru, name + "_l0")
        with torch.no_grad():
            parameter.copy_(initial["layers.2." + name])
        p["layers.2." + name] = parameter
    running = {}
    trained, reported = loss_of(logits_of(p, gru, features, conv, running), labels, form)
    trained.backward()
    trainable = [w for w in p.values() if w.requires_grad]
    zero = [k for k, w in p.items() if w.requires_grad and w.grad.abs().max().item() < 1e-12]
    adam_step(trainable, conv, LR)
    after = {k: (running[k] if k in running else w.detach()).flatten().tolist() for k, w in p.items()}
    # Adam's first step is lr * g / (|g| + e): e = eps (PyTorch's placement) or eps / sqrt(1 - b2) (efficient).
    first_step_epsilon = conv["adam_eps"] if conv["bias_corrected"] else conv["adam_eps"] / math.sqrt(1 - BETA2)
    return {"loss": reported.item(), "first_step_epsilon": first_step_epsilon, "zero_gradient": zero,
            "weights": after}


def step_golden():
    initial, features, labels = step_initial()
    cases = {
        "pytorch": step_case(initial, features, labels, CONVENTIONS["pytorch"], "logits"),
        "keras": step_case(initial, features, labels, CONVENTIONS["keras"], "logits"),
        "dl4j-engine-dl4j": step_case(initial, features, labels, CONVENTIONS["dl4j"], "xent"),
        "dl4j-engine-pytorch": step_case(initial, features, labels, CONVENTIONS["dl4j"], "logits"),
    }
    return {"spec": STEP_SPEC, "lr": LR, "features": features.flatten().tolist(),
            "labels": labels.flatten().tolist(),
            "shapes": {k: list(v.shape) for k, v in initial.items()},
            "initial": {k: v.flatten().tolist() for k, v in initial.items()}, "cases": cases}


# ---------------------------------------------------------------- Adam's epsilon

ADAM_START = [0.5, -1.2, 2.0, 0.05, 0.3]
ADAM_LR = 0.01


def adam_golden():
    g = torch.Generator().manual_seed(11)
    scales = torch.tensor([1.0, 1e-3, 1e-6, 1e-8, 1e-9])
    gradients = [f32(torch.randn(len(ADAM_START), generator=g) * scales) for _ in range(6)]
    expected = {}
    for name, conv in CONVENTIONS.items():
        w = torch.tensor(ADAM_START, requires_grad=True)
        if conv["bias_corrected"]:
            optimizer = torch.optim.Adam([w], lr=ADAM_LR, betas=(BETA1, BETA2), eps=conv["adam_eps"])
            for grad in gradients:
                w.grad = grad.clone()
                optimizer.step()
        else:
            m = torch.zeros(len(ADAM_START))
            v = torch.zeros(len(ADAM_START))
            with torch.no_grad():
                for t, grad in enumerate(gradients, start=1):
                    m = BETA1 * m + (1 - BETA1) * grad
                    v = BETA2 * v + (1 - BETA2) * grad ** 2
                    rate = ADAM_LR * math.sqrt(1 - BETA2 ** t) / (1 - BETA1 ** t)
                    w -= rate * m / (v.sqrt() + conv["adam_eps"])
        expected[name] = w.detach().tolist()
    return {"lr": ADAM_LR, "beta1": BETA1, "beta2": BETA2, "start": ADAM_START,
            "gradients": [grad.tolist() for grad in gradients], "expected": expected}


if __name__ == "__main__":
    golden = {"torch": torch.__version__, "init": init_golden(), "step": step_golden(), "adam": adam_golden()}
    with open(OUT, "w") as f:
        json.dump(rounded(golden), f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, "with torch", torch.__version__)
