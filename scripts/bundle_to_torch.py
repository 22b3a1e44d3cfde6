#!/usr/bin/python3
"""Loads a tagbench model bundle in plain PyTorch, with nothing of tagbench but its files, and prints its scores.

    /usr/bin/python3 scripts/bundle_to_torch.py BUNDLE INPUT
    /usr/bin/python3 scripts/bundle_to_torch.py BUNDLE --arrays
    /usr/bin/python3 scripts/bundle_to_torch.py BUNDLE --arrays INPUT...   (each request's lines in turn)

BUNDLE is a folder `tagbench export` wrote. The network is built layer by layer from model.json's "layers" (each
layer's kind and fields, as `tagbench model summary --json` lists them) by scripts/twin_network.py, checked to have
model.json's exact trainable-parameter count (less a trained front end's arrays), and given weights.npz's arrays
(PyTorch state_dict names per layer, mapped onto the twin's module names below) and model.json's batch-norm epsilon.
weights.npz must have the SHA-256 model.json records.

INPUT is either
- a .npy of log-mel chunks, float32 [rows, n_mels, frames] (or one chunk [n_mels, frames]; a waveform network's
  chunks are [rows, 1, samples], features.frontend none; a bundle whose front end is inside the network,
  features.frontend network, also takes waveform chunks [rows, samples] of model.json's chunk samples, turned into
  log-mels as below): prints one line per
  row, the score of every tag in model.json's order (sigmoid, or softmax for a multiclass model), space-separated; or
- an audio file torchaudio reads: mixed to mono, resampled to the model's rate, cut into model.json's evaluation
  chunks (evenly spaced, the first at the start and the last at the end, zero-padded past the end), each turned
  into its log-mel by scripts/mel_golden.py's NumPy formulas (librosa's definitions) with model.json's features
  (or left as it is for a waveform network), scored and averaged: prints "tag<TAB>score" for every tag, highest first.

A front end that trained (features.trainable, trainable_dft) brings its arrays in weights.npz, frontend.mel_filterbank
[n_mels, bins] and frontend.dft_basis [n_fft, 2 bins]: the log-mel is then computed with them in place of the mel
filters and the windowed rfft.

--arrays prints each array of weights.npz as numpy.load reads it: name, shape, and the SHA-256 of its values as
little-endian float32 in C order.

Used by export.BundleToTorchTest, which compares its scores with both engines' (Debian's python3-torch).
"""
import hashlib
import json
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import twin_network  # noqa: E402
import mel_golden  # noqa: E402

# mel_golden computes in float64; the network runs in float32, as the engines run it.
torch.set_default_dtype(torch.float32)


# weights.npz's names of a trained front end's arrays, and the keyword mel_golden.numpy_mel takes each as.
FRONT_END = {"frontend.mel_filterbank": "filterbank", "frontend.dft_basis": "basis"}


def twin_name(kind, index, name):
    """The twin's state_dict key of the bundle's array `layers.<index>.<name>`."""
    if kind in ("TimeBatchNorm", "SpectrogramBatchNorm"):
        name = "norm." + name
    elif name.startswith("bn."):
        name = "norm." + name[len("bn."):]
    elif kind == "Gru":
        name = "gru." + name + "_l0"  # one layer; gate blocks r | z | n in both
    elif kind == "Lstm":
        name = "lstm." + name  # torch.nn.LSTM's own names (_l0, _l0_reverse); gate blocks i | f | g | o in both
    return f"{index}.{name}"


def load(bundle):
    """The bundle's model.json, its network in eval mode, every weight loaded, and a trained front end's arrays
    (a dict with "filterbank" and "basis", None where the front end keeps its own)."""
    with open(os.path.join(bundle, "model.json"), encoding="utf-8") as f:
        model = json.load(f)
    weights_file = os.path.join(bundle, model["weights"]["file"])
    with open(weights_file, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != model["sha256"][model["weights"]["file"]]:
        raise SystemExit(f"{weights_file}: SHA-256 {digest} is not the one model.json records")
    arrays = np.load(weights_file)
    # model.json's count includes a trained front end's arrays; the twin is the network after the front end.
    front_params = sum(arrays[key].size for key in arrays.files if key in FRONT_END)
    network = twin_network.network({"arch": model["architecture"], "params": model["trainable_params"] - front_params,
                                    "layers": model["layers"]})
    state = {}
    front = {"filterbank": None, "basis": None}
    for key in arrays.files:
        if key in FRONT_END:
            front[FRONT_END[key]] = arrays[key].astype(np.float64)
            continue
        _, index, name = key.split(".", 2)
        state[twin_name(model["layers"][int(index)]["kind"], int(index), name)] = torch.from_numpy(arrays[key])
    own = {k for k in network.state_dict() if not k.endswith("num_batches_tracked")}
    if set(state) != own:
        raise SystemExit(f"weights.npz does not fit the network: missing {sorted(own - set(state))}, "
                         f"extra {sorted(set(state) - own)}")
    network.load_state_dict(state, strict=False)
    for module in network.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.eps = model["batch_norm_epsilon"]
    return model, network.eval(), front


def scores(model, network, logmel):
    """Scores of log-mel chunks [rows, n_mels, frames]: model.json's output, a sigmoid per tag or a softmax over
    classes (a multiclass task's)."""
    with torch.no_grad():
        logits = network(torch.from_numpy(np.ascontiguousarray(logmel, dtype=np.float32))[:, None])
        return torch.softmax(logits, 1) if model["evaluation"]["output"] == "softmax" else torch.sigmoid(logits)


def audio_chunks(model, path, front):
    """The evaluation chunks' log-mels of an audio file, as tagbench cuts them (the chunks themselves, one band high,
    for a network without a front end)."""
    import torchaudio
    signal, rate = torchaudio.load(path)
    signal = signal.mean(0)
    if rate != model["sample_rate"]:
        signal = torchaudio.functional.resample(signal, rate, model["sample_rate"])
    y = signal.double().numpy()
    samples, chunks = model["chunk"]["samples"], model["evaluation"]["chunks"]
    room = max(0, len(y) - samples)
    mels = []
    for c in range(chunks):
        offset = room // 2 if chunks == 1 else int(np.floor(room * c / (chunks - 1) + 0.5))
        chunk = np.zeros(samples)
        piece = y[offset:offset + samples]
        chunk[:len(piece)] = piece
        if model["features"]["frontend"] == "none":
            mels.append(chunk.astype(np.float32)[None])
        else:
            mels.append(mel_golden.numpy_mel(chunk.astype(np.float32).astype(np.float64), model["features"], **front))
    return np.stack(mels)


def print_arrays(bundle):
    """Each array of weights.npz: name, shape, SHA-256 of its little-endian float32 values in C order."""
    arrays = np.load(os.path.join(bundle, "weights.npz"))
    for key in arrays.files:
        values = np.ascontiguousarray(arrays[key], dtype="<f4")
        print(key, "x".join(map(str, values.shape)), hashlib.sha256(values.tobytes()).hexdigest())


def print_scores(model, network, front, path):
    """The scores of a .npy of log-mel (or waveform) chunks (a line per row), or of an audio file (tag<TAB>score,
    highest first)."""
    if path.endswith(".npy"):
        logmel = np.load(path)
        if model["features"]["frontend"] == "network" and logmel.ndim == 2 \
                and logmel.shape[1] == model["chunk"]["samples"]:
            logmel = np.stack([mel_golden.numpy_mel(row.astype(np.float64), model["features"], **front)
                               for row in logmel])
        for row in scores(model, network, logmel if logmel.ndim == 3 else logmel[None]).numpy():
            print(" ".join(f"{value:.9g}" for value in row))
    else:
        mean = scores(model, network, audio_chunks(model, path, front)).mean(0).numpy()
        for tag in np.argsort(-mean, kind="stable"):
            print(f"{model['tags'][tag]}\t{mean[tag]:.6f}")


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    bundle = sys.argv[1]
    loaded = None
    # Several requests share one start of Python and torch, which takes seconds.
    for request in sys.argv[2:]:
        if request == "--arrays":
            print_arrays(bundle)
            continue
        if loaded is None:
            loaded = load(bundle)
        print_scores(*loaded, request)

if __name__ == "__main__":
    main()
