#!/usr/bin/python3
"""Writes src/test/resources/engine/trainable-frontend-golden.json: one training step of a tiny network whose mel
filterbank trains (features.trainable: true), in float64 with torch and torchaudio, independently of tagbench.

The network: the mel front end (torch.stft, centred with reflect padding, periodic Hann window; power; the filterbank
[n_mels, bins], which starts as torchaudio.functional.melscale_fbanks with Slaney scale and norm, transposed; the
log scaling: decibels 10 log10(clamp(mel, amin)) - 10 log10(max(amin, ref)), or log10(1 + C mel)), then tagbench's
output layer (linear on the flattened [1, n_mels, frames] log-mel, PyTorch's row-major order) trained with the mean
binary cross-entropy from logits. On a fixed batch of float32 signals and labels and fixed float32 output weights,
the script records the loss and the gradient of the loss by the filterbank, per scale, and the learning rate the
Java test steps plain SGD with (the largest update is 0.1 of the largest filterbank value), so that the update
gives the gradient back with float32 weights.

Run from the project root: /usr/bin/python3 scripts/trainable_frontend_golden.py"""
import json

import torch
import torchaudio.functional as AF

torch.set_default_dtype(torch.float64)
OUT = "src/test/resources/engine/trainable-frontend-golden.json"
FEATURES = {"sample_rate": 8000, "n_fft": 64, "hop_length": 32, "n_mels": 8, "amin": 1e-10, "ref": 1.0,
            "log1p_c": 10000.0}
SAMPLES, ROWS, TAGS = 256, 3, 2
WEIGHT_SCALE = {"db": 0.005, "log1p": 0.05}


def rounded(value):
    """Every number to 10 significant digits, far finer than the float32 tolerances."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def as_float32(t):
    """The values a Java float[] holds: float32, read back in float64."""
    return t.to(torch.float32).to(torch.float64)


def log_mel(signals, filterbank, scale):
    n_fft, hop = FEATURES["n_fft"], FEATURES["hop_length"]
    spectrum = torch.stft(signals, n_fft, hop_length=hop, win_length=n_fft,
                          window=torch.hann_window(n_fft, periodic=True), center=True, pad_mode="reflect",
                          return_complex=True)
    power = spectrum.real ** 2 + spectrum.imag ** 2  # [rows, bins, frames]
    mel = torch.einsum("mk,rkt->rmt", filterbank, power)
    if scale == "db":
        return 10 * torch.log10(torch.clamp(mel, min=FEATURES["amin"])) \
            - 10 * torch.log10(torch.tensor(max(FEATURES["amin"], FEATURES["ref"])))
    return torch.log10(1 + FEATURES["log1p_c"] * mel)


def main():
    generator = torch.Generator().manual_seed(19)
    signals = as_float32(0.1 * torch.randn(ROWS, SAMPLES, generator=generator))
    labels = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    bins = FEATURES["n_fft"] // 2 + 1
    initial = AF.melscale_fbanks(bins, 0.0, FEATURES["sample_rate"] / 2, FEATURES["n_mels"],
                                 FEATURES["sample_rate"], norm="slaney", mel_scale="slaney").T.contiguous()
    frames = 1 + SAMPLES // FEATURES["hop_length"]
    cases = {}
    for scale, weight_scale in WEIGHT_SCALE.items():
        weight = as_float32(weight_scale * torch.randn(TAGS, FEATURES["n_mels"] * frames, generator=generator))
        bias = as_float32(0.1 * torch.randn(TAGS, generator=generator))
        filterbank = as_float32(initial).clone().requires_grad_(True)
        logits = log_mel(signals, filterbank, scale).reshape(ROWS, -1) @ weight.T + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
        loss.backward()
        gradient = filterbank.grad
        cases[scale] = {
            "weights": {"layers.0.linear.weight": weight.flatten().tolist(),
                        "layers.0.linear.bias": bias.tolist()},
            "loss": loss.item(),
            "lr": 0.1 * initial.abs().max().item() / gradient.abs().max().item(),
            "filterbank_gradient": gradient.flatten().tolist(),
        }
    golden = {"features": FEATURES, "samples": SAMPLES, "rows": ROWS, "tags": TAGS, "frames": frames,
              "signals": signals.flatten().tolist(), "labels": labels.flatten().tolist(),
              "initial_filterbank": initial.flatten().tolist(), "cases": cases}
    with open(OUT, "w") as out:
        json.dump(rounded(golden), out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
