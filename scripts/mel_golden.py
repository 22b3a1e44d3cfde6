#!/usr/bin/python3
"""Golden mel spectrograms for the front-end tests, from two independent implementations that must agree.

Run from the project root with Debian's Python (torch 1.13, torchaudio 0.13):

    /usr/bin/python3 scripts/mel_golden.py

It writes src/test/resources/frontend/mel-golden.json, read by frontend.MelSpectrogramTest (the CPU path) and by
engine.dl4j.DeviceMelSpectrogramTest and MelFrontEndLayerTest (the ND4J path). The file holds:
- "signals": per sample rate, six short float32 test signals (sine, chirp, noise, impulse, silence and a clip
  shorter than n_fft), each written with 9 significant digits, which identify a float32 exactly;
- "settings": one entry per case of the README's `features` options (the paper's defaults, then one or two
  options changed at a time), each with "features" (every key of the config's features section, by its config
  name; top_db omitted when null), "filterbank" (per mel band the first non-zero FFT bin and the weights from
  there to the last non-zero one) and "cases" (per signal its output, [n_mels][frames], on the setting's scale).

Each case is computed twice in float64:
1. torchaudio.transforms.MelSpectrogram (torchaudio's STFT, Hann window, melscale_fbanks with mel_scale and norm
   "slaney"/"htk" and "slaney"/None), then the scale: torchaudio.functional.amplitude_to_DB with multiplier 10,
   amin and log10(max(amin, ref)), top_db (what librosa.power_to_db computes), log10(1 + C x), or nothing;
2. the NumPy formulas below, written from librosa's definitions (filters.mel, stft, power_to_db).
The script stops unless the two agree: filterbanks within 1e-12, dB and log1p outputs within 1e-5 (absolute, in
output units), linear outputs within 1e-9 of each value plus 1e-12 of the case's largest. The golden values are
NumPy's. The largest disagreement seen is 4e-7 dB, in bins about 190 dB (in power) below the case's loudest,
where float64 FFT rounding is all that is left. torch's reflect padding needs the pad to be shorter than the
signal, so for the clip shorter than n_fft torchaudio gets the signal already padded by numpy.pad (as librosa
pads it) with center=False.
"""
import json
import math

import numpy as np
import torch
import torchaudio

torch.set_default_dtype(torch.float64)

FILTERBANK_TOLERANCE = 1e-12
LOG_TOLERANCE = 1e-5
LINEAR_RELATIVE_TOLERANCE = 1e-9
LINEAR_PEAK_TOLERANCE = 1e-12

PAPER = dict(sample_rate=12000, n_fft=512, win_length=512, hop_length=256, window="hann", center=True,
             pad_mode="reflect", n_mels=96, fmin=0.0, fmax=6000.0, mel_scale="slaney", norm="slaney", power=2.0,
             scale="db", ref=1.0, amin=1e-10, top_db=None, log1p_c=10000.0)


def setting(name, **changes):
    features = dict(PAPER, **changes)
    if "sample_rate" in changes and "fmax" not in changes:
        features["fmax"] = features["sample_rate"] / 2
    return name, features


SETTINGS = [
    setting("paper"),
    setting("16k-128", sample_rate=16000, hop_length=160, n_mels=128),
    setting("htk-plain", sample_rate=16000, n_fft=400, win_length=400, hop_length=160, n_mels=40, fmin=50.0,
            fmax=7600.0, mel_scale="htk", norm="none", power=1.0, pad_mode="constant"),
    setting("top_db-80", top_db=80.0),
    setting("ref-50-amin-1e-5", ref=50.0, amin=1e-5),
    setting("log1p", scale="log1p"),
    setting("log1p-c100-power-1", scale="log1p", log1p_c=100.0, power=1.0),
    setting("linear", scale="linear"),
    setting("power-1", power=1.0),
    setting("center-false", center=False),
    setting("win_length-400", win_length=400),
    setting("htk", mel_scale="htk"),
    setting("norm-none", norm="none"),
    setting("pad-constant", pad_mode="constant"),
    setting("fmin-300-fmax-5000", fmin=300.0, fmax=5000.0),
]


def hz_to_mel(f, htk):
    f = np.asanyarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_hz / f_sp + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep,
                    f / f_sp)


def mel_to_hz(m, htk):
    m = np.asanyarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_filters(f):
    """librosa.filters.mel: triangles between mel-spaced edges over the rfft bins, optionally Slaney-normed."""
    htk = f["mel_scale"] == "htk"
    fftfreqs = np.fft.rfftfreq(n=f["n_fft"], d=1.0 / f["sample_rate"])
    edges = mel_to_hz(np.linspace(hz_to_mel(f["fmin"], htk), hz_to_mel(f["fmax"], htk), f["n_mels"] + 2), htk)
    widths = np.diff(edges)
    ramps = np.subtract.outer(edges, fftfreqs)
    weights = np.zeros((f["n_mels"], 1 + f["n_fft"] // 2))
    for i in range(f["n_mels"]):
        weights[i] = np.maximum(0, np.minimum(-ramps[i] / widths[i], ramps[i + 2] / widths[i + 1]))
    if f["norm"] == "slaney":
        weights *= (2.0 / (edges[2:f["n_mels"] + 2] - edges[:f["n_mels"]]))[:, np.newaxis]
    return weights


def padded_hann(f):
    """A periodic Hann window of win_length centred in n_fft zeros (librosa's util.pad_center)."""
    n = f["win_length"]
    window = np.zeros(f["n_fft"])
    left = (f["n_fft"] - n) // 2
    window[left:left + n] = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)
    return window


def centred(y, f):
    return np.pad(y, f["n_fft"] // 2, mode=f["pad_mode"]) if f["center"] else y


def numpy_mel(y, f, filterbank=None, basis=None):
    """Frames, window, |rfft|^power, mel filters, then the scale: librosa's melspectrogram and power_to_db. A trained
    front end's own filterbank [n_mels, bins] and DFT basis [n_fft, 2 bins] (window folded in, real columns then
    imaginary ones) replace the mel filters and the windowed rfft when given."""
    y = centred(y, f)
    n_fft, hop = f["n_fft"], f["hop_length"]
    frames = 1 + (len(y) - n_fft) // hop
    window = padded_hann(f)
    if basis is None:
        spec = np.stack([np.abs(np.fft.rfft(window * y[t * hop:t * hop + n_fft])) ** f["power"]
                         for t in range(frames)], axis=1)
    else:
        bins = n_fft // 2 + 1
        dft = np.stack([y[t * hop:t * hop + n_fft] for t in range(frames)]) @ basis
        spec = np.sqrt(dft[:, :bins] ** 2 + dft[:, bins:] ** 2).T ** f["power"]
    mel = (mel_filters(f) if filterbank is None else filterbank) @ spec
    if f["scale"] == "linear":
        return mel
    if f["scale"] == "log1p":
        return np.log10(1.0 + f["log1p_c"] * mel)
    db = 10.0 * np.log10(np.maximum(f["amin"], mel)) - 10.0 * np.log10(max(f["amin"], f["ref"]))
    return db if f["top_db"] is None else np.maximum(db, db.max() - f["top_db"])


def torch_filters(f):
    return torchaudio.functional.melscale_fbanks(
        f["n_fft"] // 2 + 1, f["fmin"], f["fmax"], f["n_mels"], f["sample_rate"],
        norm=None if f["norm"] == "none" else f["norm"], mel_scale=f["mel_scale"]).T.numpy()


def torch_mel(y, f):
    """torchaudio's MelSpectrogram, then the same scales built from torchaudio/torch ops."""
    center = f["center"]
    if center and f["pad_mode"] == "reflect" and len(y) <= f["n_fft"] // 2:
        y, center = centred(y, f), False
    transform = torchaudio.transforms.MelSpectrogram(
        sample_rate=f["sample_rate"], n_fft=f["n_fft"], win_length=f["win_length"], hop_length=f["hop_length"],
        f_min=f["fmin"], f_max=f["fmax"], n_mels=f["n_mels"], window_fn=torch.hann_window, power=f["power"],
        center=center, pad_mode=f["pad_mode"], norm=None if f["norm"] == "none" else f["norm"],
        mel_scale=f["mel_scale"]).to(torch.float64)
    mel = transform(torch.from_numpy(y))
    if f["scale"] == "linear":
        return mel.numpy()
    if f["scale"] == "log1p":
        return torch.log10(1.0 + f["log1p_c"] * mel).numpy()
    return torchaudio.functional.amplitude_to_DB(mel, multiplier=10.0, amin=f["amin"],
                                                 db_multiplier=math.log10(max(f["amin"], f["ref"])),
                                                 top_db=f["top_db"]).numpy()


def signals(sr):
    """A tenth of a second of each test signal at sr (a few frames), as the float32 values the Java side reads."""
    rng = np.random.default_rng(3)
    t = np.arange(sr // 10) / sr
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


def check(name, numpy_values, torch_values, f):
    if numpy_values.shape != torch_values.shape:
        raise SystemExit(f"{name}: NumPy gives {numpy_values.shape}, torchaudio {torch_values.shape}")
    if f["scale"] == "linear":
        tolerance = LINEAR_RELATIVE_TOLERANCE * np.abs(numpy_values) + LINEAR_PEAK_TOLERANCE * np.abs(numpy_values).max()
    else:
        tolerance = LOG_TOLERANCE
    worst = np.max(np.abs(numpy_values - torch_values) - tolerance)
    if worst > 0:
        raise SystemExit(f"{name}: NumPy and torchaudio differ by {worst} beyond the tolerance")


def sparse(filterbank):
    bands = []
    for row in filterbank:
        nonzero = np.flatnonzero(row)
        first, last = (nonzero[0], nonzero[-1]) if len(nonzero) else (0, -1)
        bands.append({"first": int(first), "weights": compact(row[first:last + 1])})
    return bands


def compact(values):
    """Values rounded to 10 significant digits (far inside every test's tolerance), to keep the file small."""
    return [float(f"{v:.10g}") for v in np.asarray(values).ravel()] if np.ndim(values) == 1 \
        else [compact(row) for row in values]


def main():
    rates = sorted({f["sample_rate"] for _, f in SETTINGS})
    test_signals = {sr: signals(sr) for sr in rates}
    out = {"signals": {str(sr): {name: [float(f"{v:.9g}") for v in y] for name, y in test_signals[sr].items()}
                       for sr in rates},
           "settings": []}
    for name, f in SETTINGS:
        filterbank = mel_filters(f)
        if np.max(np.abs(filterbank - torch_filters(f))) > FILTERBANK_TOLERANCE:
            raise SystemExit(f"{name}: NumPy and torchaudio filterbanks differ")
        cases = []
        for signal, y in test_signals[f["sample_rate"]].items():
            if not f["center"] and len(y) < f["n_fft"]:
                continue  # no frame fits: the front end refuses such a clip
            values = numpy_mel(y, f)
            check(f"{name} / {signal}", values, torch_mel(y, f), f)
            cases.append({"signal": signal, "mel": compact(values)})
        features = {key: value for key, value in f.items() if value is not None}
        out["settings"].append({"name": name, "features": features, "filterbank": sparse(filterbank),
                                "cases": cases})
    with open("src/test/resources/frontend/mel-golden.json", "w") as file:
        json.dump(out, file, separators=(",", ":"))
    print(f"wrote {len(SETTINGS)} settings, {sum(len(s['cases']) for s in out['settings'])} cases; "
          "NumPy and torchaudio agree")


if __name__ == "__main__":
    main()
