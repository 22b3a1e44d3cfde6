#!/usr/bin/python3
"""Writes src/test/resources/engine/trainable-frontend-golden.json: one training step of a tiny network whose mel
filterbank trains (features.trainable: true), and whose DFT basis trains too in the cases that say trainable_dft, in
float64 with torch and torchaudio, independently of tagbench.

The network: the mel front end (the STFT, centred with reflect padding, periodic Hann window: torch.stft when the
basis is fixed; frames from torch.nn.functional.pad and unfold times the basis [n_fft, 2 bins], window times cosine
then minus window times sine, when it trains, checked against torch.stft at its start; power; the filterbank
[n_mels, bins], which starts as torchaudio.functional.melscale_fbanks with Slaney scale and norm, transposed; the
log scaling: decibels 10 log10(clamp(mel, amin)) - 10 log10(max(amin, ref)), with top_db
torch.maximum(db, db.amax over each example - top_db), or log10(1 + C mel)), then tagbench's output layer (linear on
the flattened [1, n_mels, frames] log-mel, PyTorch's row-major order) trained with the mean binary cross-entropy
from logits. On a fixed batch of float32 signals and labels and fixed float32 output weights, the script records
per case the loss, the gradients of the loss by the filterbank (and the basis), and per trained array the learning
rate the Java test steps plain SGD with to read that array's gradient back from its update with float32 weights (its
largest update is 0.1 of its largest value): one rate cannot serve both, as the basis's gradient is ~1e-6 of the
filterbank's relative to their values.

Run from the project root: /usr/bin/python3 scripts/trainable_frontend_golden.py"""
import json

import torch
import torchaudio.functional as AF

from conventions_golden import rounded

torch.set_default_dtype(torch.float64)
OUT = "src/test/resources/engine/trainable-frontend-golden.json"
FEATURES = {"sample_rate": 8000, "n_fft": 64, "hop_length": 32, "n_mels": 8, "amin": 1e-10, "ref": 1.0,
            "log1p_c": 10000.0}
SAMPLES, ROWS, TAGS = 256, 3, 2
# Per case: the scale, top_db (None: none), whether the DFT basis trains, the power (2, or 1 for magnitudes) and the
# output weights' spread. top_db 12 clamps about a tenth of these noise log-mels' values (printed when the script runs).
CASES = {"db": ("db", None, False, 2, 0.005), "log1p": ("log1p", None, False, 2, 0.05),
         "db-top_db": ("db", 12.0, False, 2, 0.005), "db-dft": ("db", None, True, 2, 0.005),
         "db-top_db-dft": ("db", 12.0, True, 2, 0.005), "db-dft-magnitude": ("db", None, True, 1, 0.005)}


def as_float32(t):
    """The values a Java float[] holds: float32, read back in float64."""
    return t.to(torch.float32).to(torch.float64)


def stft_power(signals):
    """torch.stft's power spectra [rows, bins, frames] (the power-1 case trains its basis, so never comes here)."""
    n_fft, hop = FEATURES["n_fft"], FEATURES["hop_length"]
    spectrum = torch.stft(signals, n_fft, hop_length=hop, win_length=n_fft,
                          window=torch.hann_window(n_fft, periodic=True), center=True, pad_mode="reflect",
                          return_complex=True)
    return spectrum.real ** 2 + spectrum.imag ** 2


def initial_basis():
    """The DFT basis [n_fft, 2 bins] a trainable one starts as: window x cos, then -window x sin, per bin."""
    n_fft = FEATURES["n_fft"]
    n = torch.arange(n_fft, dtype=torch.float64)[:, None]
    k = torch.arange(n_fft // 2 + 1, dtype=torch.float64)[None, :]
    window = torch.hann_window(n_fft, periodic=True)[:, None]
    angle = 2 * torch.pi * k * n / n_fft
    return torch.cat([window * torch.cos(angle), -window * torch.sin(angle)], 1)


def basis_power(signals, basis, power=2):
    """Power spectra [rows, bins, frames] of reflect-padded frames times the basis (magnitudes for power 1)."""
    n_fft, hop = FEATURES["n_fft"], FEATURES["hop_length"]
    padded = torch.nn.functional.pad(signals[:, None, :], (n_fft // 2, n_fft // 2), mode="reflect")[:, 0]
    spectrum = padded.unfold(1, n_fft, hop) @ basis  # [rows, frames, 2 bins]
    bins = n_fft // 2 + 1
    squared = spectrum[..., :bins] ** 2 + spectrum[..., bins:] ** 2
    return (squared if power == 2 else torch.sqrt(squared)).transpose(1, 2)


def log_mel(power, filterbank, scale, top_db):
    mel = torch.einsum("mk,rkt->rmt", filterbank, power)
    if scale == "log1p":
        return torch.log10(1 + FEATURES["log1p_c"] * mel)
    db = 10 * torch.log10(torch.clamp(mel, min=FEATURES["amin"])) \
        - 10 * torch.log10(torch.tensor(max(FEATURES["amin"], FEATURES["ref"])))
    if top_db is None:
        return db
    return torch.maximum(db, db.amax(dim=(1, 2), keepdim=True) - top_db)


def main():
    generator = torch.Generator().manual_seed(19)
    signals = as_float32(0.1 * torch.randn(ROWS, SAMPLES, generator=generator))
    labels = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    bins = FEATURES["n_fft"] // 2 + 1
    initial = AF.melscale_fbanks(bins, 0.0, FEATURES["sample_rate"] / 2, FEATURES["n_mels"],
                                 FEATURES["sample_rate"], norm="slaney", mel_scale="slaney").T.contiguous()
    frames = 1 + SAMPLES // FEATURES["hop_length"]
    basis = as_float32(initial_basis())
    fixed_power = stft_power(signals)
    start_gap = (basis_power(signals, basis) - fixed_power).abs().max().item()
    if start_gap > 1e-5 * fixed_power.abs().max().item():
        raise SystemExit(f"the starting basis's spectra are {start_gap} off torch.stft's")
    cases = {}
    for name, (scale, top_db, dft, power_exponent, weight_scale) in CASES.items():
        weight = as_float32(weight_scale * torch.randn(TAGS, FEATURES["n_mels"] * frames, generator=generator))
        bias = as_float32(0.1 * torch.randn(TAGS, generator=generator))
        filterbank = as_float32(initial).clone().requires_grad_(True)
        trained_basis = basis.clone().requires_grad_(True)
        power = basis_power(signals, trained_basis, power_exponent) if dft else fixed_power
        values = log_mel(power, filterbank, scale, top_db)
        logits = values.reshape(ROWS, -1) @ weight.T + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
        loss.backward()
        case_lr = 0.1 * initial.abs().max().item() / filterbank.grad.abs().max().item()
        case = {"scale": scale, "top_db": top_db, "trainable_dft": dft, "power": power_exponent,
                "weights": {"layers.0.linear.weight": weight.flatten().tolist(),
                            "layers.0.linear.bias": bias.tolist()},
                "loss": loss.item(), "lr": case_lr, "filterbank_gradient": filterbank.grad.flatten().tolist()}
        if dft:
            case["dft_lr"] = 0.1 * basis.abs().max().item() / trained_basis.grad.abs().max().item()
            case["dft_basis_gradient"] = trained_basis.grad.flatten().tolist()
        if top_db is not None:
            floor = values.amin(dim=(1, 2), keepdim=True)
            print(f"{name}: top_db clamps {(values == floor).double().mean().item():.1%} of the log-mel values")
        cases[name] = case
    golden = {"features": FEATURES, "samples": SAMPLES, "rows": ROWS, "tags": TAGS, "frames": frames,
              "signals": signals.flatten().tolist(), "labels": labels.flatten().tolist(),
              "initial_filterbank": initial.flatten().tolist(), "initial_dft_basis": basis.flatten().tolist(),
              "cases": cases}
    with open(OUT, "w") as out:
        json.dump(rounded(golden), out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
