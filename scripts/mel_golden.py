#!/usr/bin/python3
"""Writes src/test/resources/frontend/mel-golden.json: mel filterbanks and log-mel spectrograms computed in
float64 with NumPy by librosa's definitions (filters.mel, stft with centre padding, power_to_db), for the
front-end tests. Run from the project root: /usr/bin/python3 scripts/mel_golden.py"""
import json

import numpy as np


def hz_to_mel(f, htk):
    f = np.asanyarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, mels)


def mel_to_hz(m, htk):
    m = np.asanyarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filters(sr, n_fft, n_mels, fmin, fmax, htk, slaney_norm):
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, 1 + n_fft // 2))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    if slaney_norm:
        weights *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, np.newaxis]
    return weights


def log_mel(y, s):
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(s["n_fft"]) / s["n_fft"])
    pad = s["n_fft"] // 2
    y = np.pad(y, pad, mode=s["pad_mode"])
    frames = 1 + (len(y) - s["n_fft"]) // s["hop_length"]
    spec = np.stack([np.abs(np.fft.rfft(window * y[t * s["hop_length"]:t * s["hop_length"] + s["n_fft"]])) ** s["power"]
                     for t in range(frames)], axis=1)
    mel = mel_filters(s["sample_rate"], s["n_fft"], s["n_mels"], s["fmin"], s["fmax"], s["mel_scale"] == "htk",
                      s["norm"] == "slaney") @ spec
    return 10.0 * np.log10(np.maximum(1e-10, mel))


settings = [
    dict(name="paper", sample_rate=12000, n_fft=512, hop_length=256, n_mels=96, fmin=0.0, fmax=6000.0,
         mel_scale="slaney", norm="slaney", power=2.0, pad_mode="reflect"),
    dict(name="16k-128-fmax8000", sample_rate=16000, n_fft=512, hop_length=160, n_mels=128, fmin=0.0, fmax=8000.0,
         mel_scale="slaney", norm="slaney", power=2.0, pad_mode="reflect"),
    dict(name="htk-plain", sample_rate=16000, n_fft=400, hop_length=160, n_mels=40, fmin=50.0, fmax=7600.0,
         mel_scale="htk", norm="none", power=1.0, pad_mode="constant"),
]


def signals(sr):
    """A quarter second of each test signal at sr, as float32 values (what the Java side reads)."""
    rng = np.random.default_rng(3)
    t = np.arange(sr // 4) / sr
    impulse = np.zeros(len(t))
    impulse[len(t) // 3] = 1.0
    out = {
        "sine": 0.5 * np.sin(2 * np.pi * 440.0 * t),
        "chirp": 0.5 * np.sin(2 * np.pi * (100.0 * t + 0.5 * (sr / 2.5 - 100.0) / t[-1] * t ** 2)),
        "noise": 0.1 * rng.standard_normal(len(t)),
        "impulse": impulse,
        "silence": np.zeros(len(t)),
        "shorter-than-n_fft": 0.5 * np.sin(2 * np.pi * 1000.0 * t[:200]),
    }
    return {name: y.astype(np.float32).astype(np.float64) for name, y in out.items()}


out = {"settings": []}
for s in settings:
    entry = dict(s)
    entry["filterbank"] = mel_filters(s["sample_rate"], s["n_fft"], s["n_mels"], s["fmin"], s["fmax"],
                                      s["mel_scale"] == "htk", s["norm"] == "slaney").tolist()
    entry["cases"] = [{"signal": name, "samples": y.tolist(), "log_mel": log_mel(y, s).tolist()}
                      for name, y in signals(s["sample_rate"]).items()]
    out["settings"].append(entry)
with open("src/test/resources/frontend/mel-golden.json", "w") as f:
    json.dump(out, f)
print("wrote", len(settings), "settings x", len(out["settings"][0]["cases"]), "signals")
