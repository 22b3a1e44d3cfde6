#!/usr/bin/python3
"""Canonical JSON and config hashes computed in Python from the documented canonical form, for
config.CanonicalHashTest.

Run from the project root with Debian's Python:

    /usr/bin/python3 scripts/config_hash_golden.py

It writes src/test/resources/config/hash-golden.json: per case the config file the test loads, the `--set`
overrides it applies, the canonical JSON Python expects (`ConfigLoader.canonicalJson`), the hash
(`ConfigLoader.hash`) and the experiment key (`ConfigLoader.experimentKey`). Nothing here reads Java's output.
The canonical form, as ConfigLoader's Javadoc documents it:
- the resolved config: every key of every section present, defaults filled in as README's Config section gives
  them (win_length defaults to n_fft, fmax to sample_rate / 2), an unset optional value as null; but `task` and
  `training.loss` are left out while they hold their defaults (multilabel, bce), as in every case here;
- one JSON object, keys in snake_case sorted by code point at every level, no whitespace, strings escaped as JSON
  requires and otherwise written as UTF-8 (no \\u escapes for non-ASCII);
- integers for the keys that take whole numbers (seeds, counts, sizes, epochs, patience, n_fft, sample_rate,
  model.params as the exact budget); every other number as a decimal written like Java's Double.toString: plain
  with at least one fraction digit (6000.0, 0.001) for 1e-3 <= |x| < 1e7, else a mantissa with at least one
  fraction digit and an exponent (1.0E-10, 1.0E8), with the shortest digits that read back as the same double;
- enum values lower-case, the architecture by its config name (conv2d is k2c2), paths as given with a trailing
  slash dropped;
- training.augment left out while every augmentation in it is off (gain and pitch ranges {min: 0, max: 0}, stretch
  {min: 1, max: 1}, mixup_alpha 0, no SpecAugment mask), so configs from before it existed keep their hashes.
The hash is the first 12 hex digits of the SHA-256 of the UTF-8 canonical JSON without its "pipeline" member; the
experiment key the same without "name", "results", "pipeline" and the data keys that name files or folders.
"""
import copy
import hashlib
import json
from decimal import Decimal

# The resolved config of a file holding only `data: {dataset: synthetic}` and `model: {arch: k2c2}`, named
# "minimal": README's defaults. Python floats are the decimal keys, Python ints the whole-number ones.
MINIMAL = {
    "name": "minimal",
    "seed": 42,
    "data": {"dataset": "synthetic", "root": None, "chunk_seconds": 3.0, "clips": 300, "clip_seconds": 5.0,
             "seed": 42, "difficulty": "standard"},
    "features": {"sample_rate": 12000, "n_fft": 512, "win_length": None, "hop_length": 256, "window": "hann",
                 "center": True, "pad_mode": "reflect", "n_mels": 96, "fmin": 0.0, "fmax": None,
                 "mel_scale": "slaney", "norm": "slaney", "power": 2.0, "scale": "db", "ref": 1.0, "amin": 1e-10,
                 "top_db": None, "log1p_c": 10000.0, "frontend": "cpu"},
    "model": {"arch": "k2c2", "params": 100_000},
    "training": {"engine": "pytorch", "conventions": "pytorch", "batch_size": 16, "max_epochs": 20,
                 "optimizer": {"name": "adam", "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "weight_decay": 0.0,
                               "momentum": 0.9, "nesterov": True},
                 "schedule": {"name": "none", "step_epochs": 10, "factor": 0.1, "patience": 3, "min_lr": 1e-6,
                              "adam_epochs": 80, "sgd_epochs": 20, "sgd_lr": 0.001, "drops": 2},
                 "early_stopping": {"monitor": "roc_auc", "patience": 10},
                 "checkpoint_steps": 0},
    "eval": {"chunks": 16},
    "pipeline": {"workers": 0, "prefetch": 8, "pcm_cache": True, "cache_dir": None},
    "results": {"dir": "results", "url": None, "heartbeat_seconds": 30},
}

# training.augment as README's defaults give it: every augmentation off.
AUGMENT_OFF = {"gain_db": {"min": 0.0, "max": 0.0}, "pitch_semitones": {"min": 0.0, "max": 0.0},
               "stretch_rate": {"min": 1.0, "max": 1.0}, "mixup_alpha": 0.0,
               "spec_augment": {"time_masks": 0, "time_width": 70, "freq_masks": 0, "freq_width": 15,
                                "fill": "mean"}}

# The data keys that name files or folders (machine paths), per reader: left out of the experiment key.
DATA_PATHS = {"synthetic": ["root"]}

# Each case: the file, and per override its `--set` text and the value it leaves in the resolved config.
CASES = [
    ("minimal.yaml", []),
    ("full.yaml", []),
    ("minimal.yaml", [
        ("name", "'a \"quoted\" run, né'", 'a "quoted" run, né'),
        ("seed", "7", 7),
        ("data.root", "/data/synth/", "/data/synth"),
        ("data.chunk_seconds", "2.5", 2.5),
        ("features.sample_rate", "16000", 16000),
        ("features.n_fft", "1024", 1024),
        ("features.top_db", "80", 80.0),
        ("features.amin", "1.0e-5", 1e-5),
        ("features.log1p_c", "1.0e+8", 1e8),
        ("features.mel_scale", "HTK", "htk"),
        ("model.arch", "conv2d", "k2c2"),
        ("model.params", "0.25M", 250_000),
        ("training.optimizer.lr", "0.0005", 0.0005),
        ("training.schedule.min_lr", "1.5e-7", 1.5e-7),
        ("pipeline.cache_dir", "/tmp/pcm", "/tmp/pcm"),
        ("results.dir", "runs/", "runs"),
        ("results.url", "jdbc:postgresql://db.example/tagbench", "jdbc:postgresql://db.example/tagbench"),
        ("results.heartbeat_seconds", "10", 10),
    ]),
    # Another name, store, pipeline and data folder: another hash, the same experiment key as plain minimal.
    ("minimal.yaml", [
        ("name", "elsewhere", "elsewhere"),
        ("data.root", "/mnt/other/synth", "/mnt/other/synth"),
        ("pipeline.workers", "3", 3),
        ("results.dir", "/scratch/runs", "/scratch/runs"),
        ("results.url", "jdbc:sqlite:/scratch/store.db", "jdbc:sqlite:/scratch/store.db"),
    ]),
    # Augmentation on: the whole augment section enters the canonical form, and so the hash and the key.
    ("minimal.yaml", [
        ("training.augment.gain_db.min", "-6", -6.0),
        ("training.augment.mixup_alpha", "0.2", 0.2),
        ("training.augment.spec_augment.time_masks", "2", 2),
        ("training.augment.spec_augment.fill", "ZERO", "zero"),
    ]),
    # Augmentation spelled out but off: left out, the same hash and key as plain minimal.
    ("minimal.yaml", [
        ("training.augment.stretch_rate.max", "1.0", 1.0),
        ("training.augment.spec_augment.freq_width", "20", 20),
    ]),
]


def augments(augment):
    return (augment["gain_db"] != {"min": 0.0, "max": 0.0} or augment["pitch_semitones"] != {"min": 0.0, "max": 0.0}
            or augment["stretch_rate"] != {"min": 1.0, "max": 1.0} or augment["mixup_alpha"] > 0
            or any(augment["spec_augment"][count] > 0 and augment["spec_augment"][width] > 0
                   for count, width in (("time_masks", "time_width"), ("freq_masks", "freq_width"))))


def resolved(overrides, name):
    config = copy.deepcopy(MINIMAL)
    config["name"] = name
    config["training"]["augment"] = copy.deepcopy(AUGMENT_OFF)
    for key, _, value in overrides:
        *path, last = key.split(".")
        section = config
        for part in path:
            section = section[part]
        section[last] = value
    features = config["features"]
    if features["win_length"] is None:
        features["win_length"] = features["n_fft"]
    if features["fmax"] is None:
        features["fmax"] = features["sample_rate"] / 2
    if not augments(config["training"]["augment"]):
        del config["training"]["augment"]
    return config


def java_double(x):
    """Java's Double.toString of a finite double, from Python's shortest round-trip digits (repr)."""
    if x == 0:
        return "0.0"
    shortest = Decimal(repr(x))
    sign, digits, _ = shortest.as_tuple()
    digits = "".join(map(str, digits)).rstrip("0")
    leading = shortest.adjusted()  # the power of ten of the first digit
    prefix = "-" if sign else ""
    if 1e-3 <= abs(x) < 1e7:
        if leading >= 0:
            whole, fraction = digits[:leading + 1].ljust(leading + 1, "0"), digits[leading + 1:]
        else:
            whole, fraction = "0", "0" * (-leading - 1) + digits
        return f"{prefix}{whole}.{fraction or '0'}"
    return f"{prefix}{digits[0]}.{digits[1:] or '0'}E{leading}"


def canonical(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "{" + ",".join(json.dumps(key) + ":" + canonical(value[key]) for key in sorted(value)) + "}"


def config_hash(config):
    without_pipeline = {key: value for key, value in config.items() if key != "pipeline"}
    return hashlib.sha256(canonical(without_pipeline).encode("utf-8")).hexdigest()[:12]


def experiment_key(config):
    kept = {key: value for key, value in config.items() if key not in ("name", "results", "pipeline")}
    paths = DATA_PATHS[config["data"]["dataset"]]
    kept["data"] = {key: value for key, value in config["data"].items() if key not in paths}
    return hashlib.sha256(canonical(kept).encode("utf-8")).hexdigest()[:12]


def main():
    rows = []
    for file, overrides in CASES:
        config = resolved(overrides, file.rsplit(".", 1)[0])
        rows.append({"file": file, "overrides": [f"{key}={text}" for key, text, _ in overrides],
                     "canonical": canonical(config), "hash": config_hash(config),
                     "experiment_key": experiment_key(config)})
        print(file, len(overrides), "overrides:", rows[-1]["hash"], rows[-1]["experiment_key"])
    with open("src/test/resources/config/hash-golden.json", "w", encoding="utf-8") as out:
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
