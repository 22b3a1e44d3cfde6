#!/usr/bin/python3
"""Trains the plain PyTorch twin of a tagbench experiment config end to end and prints what `tagbench run` prints.

  /usr/bin/python3 scripts/train_twin.py CONFIG [--set dotted.key=value]... [--seed N] [--threads N]
                                        [--same-order] [--same-init]

The reference a user's own PyTorch script would give, with code independent of tagbench's: the config is read
as README's "Config" section documents it (YAML or JSON, `extends:`, defaults, `--set`); audio is decoded by the
FFmpeg libraries through torchaudio.io (mono as the mean of the channels, resampled to features.sample_rate by
libswresample with 64 taps: the same samples as tagbench's decoder) and put on the 16-bit grid; the log-mel is
torchaudio's MelSpectrogram set from `features`, then the configured scale; each training step takes a random
data.chunk_seconds crop of each clip of a shuffled batch; evaluation averages the sigmoid outputs of eval.chunks
evenly spaced chunks per track; the optimizer, schedule, early stopping and best-epoch weights follow `training`;
the metrics are scikit-learn's. Only the layer structure comes from tagbench (`tagbench model summary --json`,
built by scripts/twin_network.py with PyTorch's default initialisation, batch norm and Adam, and checked to have
tagbench's exact trainable-parameter count).

Datasets: `synthetic` (the folder tagbench generates; generated first through `tagbench data check` when
absent), `csv` and `mtat`; others are refused. A missing or unreadable file is skipped and counted. The random
draws (batch order, crops, initial weights, dropout) come from --seed (default: the config's seed) through NumPy
and torch.manual_seed, so a run repeats on the same machine, but they are not tagbench's draws unless asked for,
one kind at a time: --same-order takes tagbench's batch order and crop offsets (BatchStream's), --same-init its
initial weights under `training.conventions: pytorch` (InitialWeights'), both drawn from the seed by a Python
SplittableRandom equal to Java's; neither touches torch's generator, so dropout masks stay the twin's. Per-epoch
lines go to standard error in tagbench's format (the time is the whole epoch, data loading and validation
included); the model, data, per-tag table and final line to standard output. Decoded audio is kept in memory
(16-bit). Nothing is written to disk. Needs Debian's python3-torch, python3-torchaudio, python3-numpy,
python3-sklearn, python3-yaml, and tagbench's jar (./mvnw -B -q package -DskipTests) for the layer structure.
Bad input exits with code 2, an unreadable config or table with 1."""
import argparse
import copy
import csv
import glob
import math
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

import numpy as np
import torch
import torchaudio
from torchaudio.io import StreamReader
import yaml
from sklearn.metrics import average_precision_score, roc_auc_score

import twin_network

PROGRAM = "train_twin.py"
TAGBENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tagbench")
SPLITS = ("train", "valid", "test")


class BadInput(Exception):
    """A config, dataset or option that cannot be used: one line, exit code 2."""


class Unreadable(Exception):
    """A file that cannot be read: one line, exit code 1."""


# ---------------------------------------------------------------------------------------------------------------
# Config: README's "Config" section.

DEFAULTS = yaml.safe_load("""
seed: 42
data: {chunk_seconds: 3.0}
features: {sample_rate: 12000, n_fft: 512, hop_length: 256, window: hann, center: true, pad_mode: reflect,
           n_mels: 96, fmin: 0.0, mel_scale: slaney, norm: slaney, power: 2.0, scale: db, ref: 1.0,
           amin: 1.0e-10, top_db: null, log1p_c: 10000.0, frontend: cpu}
model: {params: 100k}
training:
  engine: pytorch
  conventions: pytorch
  batch_size: 16
  max_epochs: 20
  optimizer: {name: adam, lr: 0.001, beta1: 0.9, beta2: 0.999, weight_decay: 0.0, momentum: 0.9, nesterov: true}
  schedule: {name: none, step_epochs: 10, factor: 0.1, patience: 3, min_lr: 1.0e-6, adam_epochs: 80,
             sgd_epochs: 20, sgd_lr: 0.001, drops: 2}
  early_stopping: {monitor: roc_auc, patience: 10}
  checkpoint_steps: 0
eval: {chunks: 16}
""")
DATASET_DEFAULTS = yaml.safe_load("""
synthetic: {clips: 300, clip_seconds: 5.0, seed: 42}
mtat: {split: folders, top_tags: 50}
""")
CONFIG_SUFFIXES = (".yaml", ".yml", ".json")


def deep_merge(base, over):
    """base with over on top: mappings merge key by key, any other value (null too) replaces base's."""
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        merged[key] = deep_merge(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return merged


def read_config_file(path, chain=()):
    """The tree of path with the files it extends merged beneath it (a cycle or a missing base is an error)."""
    if not path.endswith(CONFIG_SUFFIXES):
        raise BadInput(f"{path}: not a config file (expected {', '.join(CONFIG_SUFFIXES)})")
    try:
        with open(path, encoding="utf-8") as f:
            tree = yaml.safe_load(f)  # JSON is YAML
    except FileNotFoundError:
        raise BadInput(f"{path}: file not found")
    except OSError as e:
        raise Unreadable(f"{path}: cannot be read ({e.strerror})")
    except yaml.YAMLError as e:
        raise BadInput(f"{path}: not valid YAML/JSON ({str(e).splitlines()[0]})")
    if not isinstance(tree, dict):
        raise BadInput(f"{path}: expected a mapping of config keys, found {tree!r}")
    parent = tree.pop("extends", None)
    if parent is None:
        return tree
    if not isinstance(parent, str):
        raise BadInput(f"{path}: extends: {parent!r} is not a file name")
    base = os.path.join(os.path.dirname(path), parent)
    seen = [os.path.realpath(p) for p in chain + (path,)]
    if os.path.realpath(base) in seen:
        raise BadInput(f"{path}: extends: {parent} makes a cycle ({' -> '.join(chain + (path, base))})")
    if not os.path.isfile(base):
        raise BadInput(f"{path}: extends: {parent} not found ({os.path.normpath(base)})")
    return deep_merge(read_config_file(base, chain + (path,)), tree)


def apply_overrides(tree, overrides):
    """Each `dotted.key=value` (value read as YAML) set in tree, creating sections on the way."""
    for override in overrides:
        keys, sep, text = override.partition("=")
        if not sep or not keys or "" in keys.split("."):
            raise BadInput(f"--set {override!r}: expected dotted.key=value, e.g. training.max_epochs=3")
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise BadInput(f"--set {override!r}: value is not YAML ({str(e).splitlines()[0]})")
        section = tree
        *path, last = keys.split(".")
        for key in path:
            if not isinstance(section.get(key), dict):
                section[key] = {}
            section = section[key]
        section[last] = value


def without_nulls(tree):
    return {k: without_nulls(v) if isinstance(v, dict) else v for k, v in tree.items() if v is not None}


def load_config(path, overrides):
    """The resolved config of path: extends, overrides, then README's defaults (null keys take theirs)."""
    tree = read_config_file(path)
    apply_overrides(tree, overrides)
    name = os.path.splitext(os.path.basename(path))[0]
    config = deep_merge(deep_merge(DEFAULTS, {"name": name}), without_nulls(tree))
    for section in ("data", "features", "model", "training", "eval"):
        if not isinstance(config.get(section), dict):
            raise BadInput(f"{section}: expected a mapping, found {config.get(section)!r}")
    data = config["data"]
    if "dataset" not in data:
        raise BadInput("data.dataset: missing required key")
    if "arch" not in config["model"]:
        raise BadInput("model.arch: missing required key")
    config["data"] = deep_merge(DATASET_DEFAULTS.get(data["dataset"], {}), data)
    features = config["features"]
    features.setdefault("win_length", features["n_fft"])
    features.setdefault("fmax", number(config, "features.sample_rate") / 2)
    return config


def value(config, dotted):
    section = config
    for key in dotted.split("."):
        section = section[key]
    return section


def number(config, dotted, kind=float):
    """The value at dotted as a number (YAML 1.1 reads 1e-3 as text, hence the conversion)."""
    raw = value(config, dotted)
    try:
        if isinstance(raw, bool):
            raise ValueError
        converted = kind(raw)
        if kind is int and converted != float(raw):
            raise ValueError
        return converted
    except (TypeError, ValueError):
        raise BadInput(f"{dotted}: {raw!r} is not {'an integer' if kind is int else 'a number'}")


def choice(config, dotted, known):
    raw = str(value(config, dotted)).lower()
    if raw not in known:
        raise BadInput(f"{dotted}: {value(config, dotted)!r} is not one of {', '.join(known)}")
    return raw


def parameter_budget(raw):
    """model.params as a whole number: 1000000, 100k, 0.25M."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", str(raw).replace("_", ""))
    if not match:
        raise BadInput(f"model.params: {raw!r} is not a parameter budget (expected e.g. 250k, 1M, 1000000)")
    amount = float(match.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[match.group(2).lower()]
    if amount != int(amount) or amount <= 0:
        raise BadInput(f"model.params: {raw!r} is not a parameter budget (expected e.g. 250k, 1M, 1000000)")
    return int(amount)


# ---------------------------------------------------------------------------------------------------------------
# Datasets: one list of tracks with 0/1 labels in vocabulary order.

@dataclass(frozen=True)
class Track:
    id: str
    audio: str
    labels: tuple
    split: str


@dataclass
class Dataset:
    root: str
    tags: list
    tracks: list

    def split(self, name):
        return [t for t in self.tracks if t.split == name]


def read_rows(path, delimiter):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
    except FileNotFoundError:
        raise BadInput(f"{path}: cannot read the tag table (no such file)")
    except OSError as e:
        raise Unreadable(f"{path}: cannot read ({e.strerror})")
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise BadInput(f"{path}: is empty (expected a header)")
    return rows[0], rows[1:]


def tag_table(path, root, splits=None, vocabulary=None):
    """A tag table (path, split, tags ';'-separated or one 0/1 column per tag); splits maps path to split."""
    header, rows = read_rows(path, "\t" if path.lower().endswith(".tsv") else ",")
    header = [h.strip() for h in header]
    if "path" not in header:
        raise BadInput(f"{path}: line 1: missing column \"path\"")
    if (splits is None) != ("split" in header):
        raise BadInput(f"{path}: line 1: " + ("missing column \"split\"" if splits is None
                                              else "has a split column and split files are given too"))
    listed = "tags" in header
    tag_columns = None if listed else [h for h in header if h not in ("path", "split")]
    entries = []
    for line, row in enumerate(rows, start=2):
        cells = dict(zip(header, (c.strip() for c in row)))
        where = f"{path}: line {line}"
        if not cells.get("path"):
            raise BadInput(f"{where}: empty path")
        if listed:
            tags = [t.strip() for t in cells.get("tags", "").split(";") if t.strip()]
        else:
            if any(cells.get(c) not in ("0", "1") for c in tag_columns):
                raise BadInput(f"{where}: a tag column does not hold 0 or 1")
            tags = [c for c in tag_columns if cells[c] == "1"]
        split = splits.get(cells["path"]) if splits is not None else cells.get("split")
        if splits is None and split not in SPLITS:
            raise BadInput(f"{where}: unknown split {split!r} (expected {', '.join(SPLITS)})")
        entries.append((cells["path"], split, tags))
    if splits is not None:
        missing = sorted(set(splits) - {p for p, _, _ in entries})
        if missing:
            raise BadInput(f"{path}: has no row for {missing[0]}, which a split file lists")
    if vocabulary is None:
        vocabulary = tag_columns if tag_columns is not None else sorted({t for _, _, ts in entries for t in ts})
    index = {t: i for i, t in enumerate(vocabulary)}
    tracks = []
    for rel, split, tags in entries:
        if split is None:
            continue
        unknown = [t for t in tags if t not in index]
        if unknown:
            raise BadInput(f"{path}: unknown tag {unknown[0]!r}")
        labels = tuple(int(t in tags) for t in vocabulary)
        tracks.append(Track(os.path.splitext(rel)[0], os.path.join(root, rel), labels, split))
    return Dataset(root, list(vocabulary), tracks)


def listed_order(rows_of_tags):
    """The one tag order every row's list agrees with (tagbench lists a row's tags in vocabulary order)."""
    tags = list(dict.fromkeys(t for row in rows_of_tags for t in row))
    after = {t: set() for t in tags}
    for row in rows_of_tags:
        for i, earlier in enumerate(row):
            after[earlier].update(row[i + 1:])
    order = []
    while after:
        first = next(t for t in tags if t in after and not any(t in later for later in after.values()))
        order.append(first)
        del after[first]
    return order


def cache_root():
    if os.environ.get("TAGBENCH_CACHE", "").strip():
        return os.environ["TAGBENCH_CACHE"]
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "tagbench")


def java_double(x):
    """A double as Java's Double.toString writes it, for the values a clip length takes (5.0, 2.5)."""
    return repr(float(x))


def synthetic(config, config_path, overrides, tagbench):
    """tagbench's generated set: <root>/v<N>-<clips>clips-<s>s-<rate>hz-seed<seed>/tags.csv beside audio/."""
    data = config["data"]
    root = data.get("root") or os.path.join(cache_root(), "synthetic")
    pattern = os.path.join(root, "v*-%dclips-%ss-%dhz-seed%d/tags.csv" % (
        number(config, "data.clips", int), java_double(number(config, "data.clip_seconds")),
        number(config, "features.sample_rate", int), number(config, "data.seed", int)))

    def newest():
        """The table of the highest generator version there, or None."""
        versions = {}
        for table in glob.glob(pattern):
            version = re.match(r"v(\d+)-", os.path.basename(os.path.dirname(table)))
            if version:
                versions[int(version.group(1))] = table
        return versions[max(versions)] if versions else None

    table = newest()
    if table is None:
        print(f"{PROGRAM}: generating the synthetic set with tagbench data check", file=sys.stderr)
        with tempfile.TemporaryDirectory() as out:
            command = [tagbench, "data", "check", config_path, "--out", out]
            for o in overrides:
                command += ["--set", o]
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            last = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
            raise BadInput(f"tagbench data check failed: {last[0]}")
        table = newest()
        if table is None:
            raise BadInput(f"tagbench did not generate {pattern}")
    folder = os.path.dirname(table)
    _, rows = read_rows(table, ",")
    order = listed_order([[t for t in row[2].split(";") if t] for row in rows if len(row) > 2])
    return tag_table(table, folder, vocabulary=order)


def split_file_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f]
    except FileNotFoundError:
        raise BadInput(f"{path}: cannot read the split file (no such file)")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def split_files(config, reader):
    files = config["data"].get("split_files")
    if not isinstance(files, dict) or any(not files.get(s) for s in SPLITS):
        raise BadInput("data.split_files: expected train, valid and test files")
    return {s: reader(files[s]) for s in SPLITS}


def csv_dataset(config):
    data = config["data"]
    table = data.get("table")
    if not table:
        raise BadInput("data.table: missing required key (the path of the tag table)")
    root = data.get("root") or os.path.dirname(os.path.abspath(table))
    splits = None
    if data.get("split_files"):
        splits = {path: s for s, paths in split_files(config, split_file_lines).items() for path in paths}
    return tag_table(table, root, splits)


def cleaned_list(path):
    """Lee et al.'s pickled list of <folder>/<name>.npy paths, which name the clips' .mp3 files."""
    try:
        with open(path, "rb") as f:
            items = pickle.load(f, encoding="latin1")
    except FileNotFoundError:
        raise BadInput(f"{path}: cannot read the split file (no such file)")
    except Exception as e:
        raise BadInput(f"{path}: not a pickled list of paths ({e})")
    return [p[:-4] + ".mp3" if p.endswith(".npy") else p for p in map(str, items)]


def mtat(config):
    """annotations_final.csv (tab-separated: clip_id, 0/1 per tag, mp3_path) with the folder, cleaned or id split."""
    data = config["data"]
    for key in ("root", "annotations"):
        if not data.get(key):
            raise BadInput(f"data.{key}: missing required key")
    path = data["annotations"]
    header, rows = read_rows(path, "\t")
    if len(header) < 3 or header[0] != "clip_id" or header[-1] != "mp3_path":
        raise BadInput(f"{path}: line 1: the header must be clip_id, the tag columns, mp3_path")
    columns = header[1:-1]
    flags = np.array([[c.strip() == "1" for c in row[1:-1]] for row in rows], dtype=bool)
    if data.get("tags"):
        missing = [t for t in data["tags"] if t not in columns]
        if missing:
            raise BadInput(f"{path}: has no tag column {missing[0]!r} (named in data.tags)")
        chosen = [columns.index(t) for t in data["tags"]]
    else:
        positives = flags.sum(axis=0)
        chosen = sorted(range(len(columns)), key=lambda i: (-positives[i], i))[:number(config, "data.top_tags", int)]
    clips = {"clip_id": {}, "mp3_path": {}}
    for i, row in enumerate(rows):
        clips["clip_id"][row[0].strip()] = i
        clips["mp3_path"][row[-1].strip()] = i
    split = choice(config, "data.split", ("folders", "cleaned", "clip_ids"))
    if split == "folders":
        by_folder = {**{f: "train" for f in "0123456789ab"}, "c": "valid", **{f: "test" for f in "def"}}
        members = {s: [] for s in SPLITS}
        for i, row in enumerate(rows):
            folder = row[-1].strip().split("/")[0]
            if folder not in by_folder:
                raise BadInput(f"{path}: mp3_path {row[-1]} is not in a folder 0-9 or a-f")
            members[by_folder[folder]].append(i)
    else:
        key, reader = ("mp3_path", cleaned_list) if split == "cleaned" else ("clip_id", split_file_lines)
        members = {}
        for s, items in split_files(config, reader).items():
            unknown = [item for item in items if item not in clips[key]]
            if unknown:
                raise BadInput(f"{config['data']['split_files'][s]}: {unknown[0]} is not a clip of {path}")
            members[s] = [clips[key][item] for item in items]
    tracks = [Track(rows[i][0].strip(), os.path.join(data["root"], rows[i][-1].strip()),
                    tuple(int(flags[i, c]) for c in chosen), s) for s in SPLITS for i in members[s]]
    return Dataset(data["root"], [columns[c] for c in chosen], tracks)


def open_dataset(config, config_path, overrides, tagbench):
    name = config["data"]["dataset"]
    if name == "synthetic":
        return synthetic(config, config_path, overrides, tagbench)
    if name == "csv":
        return csv_dataset(config)
    if name == "mtat":
        return mtat(config)
    raise BadInput(f"data.dataset: {name!r} is not supported by the twin (it reads synthetic, csv and mtat)")


# ---------------------------------------------------------------------------------------------------------------
# Audio: FFmpeg to mono float at the pipeline's rate, then the 16-bit grid.

def decode(path, rate):
    """Mono float32 samples of path at rate: every channel resampled by libswresample (64-tap sinc), then their
    plain mean. FFmpeg's libraries in process, through torchaudio; the ffmpeg command line (-af
    aresample=RATE:filter_size=64) gives the same samples but starts a process per file (~1 s on a busy machine)."""
    try:
        reader = StreamReader(path)
        reader.add_audio_stream(frames_per_chunk=-1, buffer_chunk_size=-1,
                                filter_desc=f"aresample={rate}:filter_size=64,aformat=sample_fmts=flt")
        reader.process_all_packets()
        (samples,) = reader.pop_chunks()
    except RuntimeError as e:
        raise OSError(str(e).strip().splitlines()[0])
    if samples is None or samples.numel() == 0:
        raise OSError("no audio")
    return samples.to(torch.float64).mean(dim=1).to(torch.float32).numpy()


def on_16bit_grid(samples):
    """The 16-bit samples nearest to float samples (full scale 32768, rounding half up, clipped)."""
    return np.clip(np.floor(samples.astype(np.float64) * 32768 + 0.5), -32768, 32767).astype(np.int16)


class AudioStore:
    """Each track's audio, decoded on first use and kept in memory; a missing or unreadable track is skipped."""

    def __init__(self, rate):
        self.rate = rate
        self.pcm = {}
        self.skipped = {}

    def open(self, track):
        if track in self.skipped:
            return None
        if track not in self.pcm:
            if not os.path.exists(track.audio):
                self.skipped[track] = f"{track.audio}: file not found"
                return None
            try:
                self.pcm[track] = on_16bit_grid(decode(track.audio, self.rate))
            except OSError as e:
                self.skipped[track] = f"{track.audio}: {e}"
                return None
        return self.pcm[track]

    def skipped_in(self, split):
        return [reason for track, reason in self.skipped.items() if track.split == split]


def chunk(pcm, offset, length):
    """length samples from offset as floats (zeros past the end)."""
    out = np.zeros(length, dtype=np.float32)
    piece = pcm[offset:offset + length]
    out[:piece.size] = piece / np.float32(32768)
    return out


def evaluation_offsets(samples, length, chunks):
    """Evenly spaced chunk starts, the first at 0 and the last at the end (one chunk: the middle)."""
    room = max(0, samples - length)
    if chunks == 1:
        return [room // 2]
    return [int(math.floor(room * c / (chunks - 1) + 0.5)) for c in range(chunks)]


# ---------------------------------------------------------------------------------------------------------------
# Random draws: the twin's own (NumPy), or tagbench's, reimplemented from the published algorithms.

MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
EPOCH_SEED_FACTOR = 1_000_003


class SplittableRandom:
    """Java 17's java.util.SplittableRandom made with a seed (Steele, Lea and Flood's SplitMix64, 2014): the state
    advances by the golden gamma; a 64-bit output is the state through Stafford's variant 13 finaliser, a 32-bit
    one the upper half of variant 4's; a double is the top 53 bits of a long over 2^53; a bounded int rejects the
    over-represented top of the 31-bit range (a power-of-two bound keeps the low bits)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def _next_state(self):
        self.state = (self.state + GOLDEN_GAMMA) & MASK64
        return self.state

    def next_long(self):
        """The next unsigned 64-bit value (Java's long as two's complement: signed(x) to compare)."""
        z = self._next_state()
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_int(self):
        """The next 32 bits as a signed int."""
        z = self._next_state()
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        bits = (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32
        return bits - (1 << 32) if bits >= 1 << 31 else bits

    def next_bounded(self, bound):
        """Uniform in [0, bound) for 0 < bound < 2^31."""
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if u + m - r < 1 << 31:  # no int overflow in Java's u + m - r: u was not in the partial last block
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53



class EpochDraws:
    """One epoch's batch order (positions to track indices) and crop offset per position."""

    def __init__(self, order, offset):
        self.order, self.offset = order, offset


class TwinDraws:
    """The twin's own draws: a NumPy generator per epoch, the permutation, then one crop per usable track in turn."""

    name = "NumPy"

    def epoch(self, seed, epoch, tracks):
        random = np.random.default_rng([seed, epoch])
        return EpochDraws(random.permutation(tracks), lambda position, room: int(random.integers(0, room + 1)))


class TagbenchDraws:
    """tagbench's BatchStream draws: SplittableRandom(seed * 1000003 + epoch) (64-bit wrap; epochs count from 1)
    shuffles the track positions by Fisher-Yates from the end, then draws one crop seed per position; a position's
    crop starts at SplittableRandom(crop seed).nextInt(room + 1). A skipped track leaves its seed unused, so the
    other positions keep theirs."""

    name = "tagbench's"

    def epoch(self, seed, epoch, tracks):
        random = SplittableRandom(seed * EPOCH_SEED_FACTOR + epoch)
        order = list(range(tracks))
        for i in range(tracks - 1, 0, -1):
            j = random.next_bounded(i + 1)
            order[i], order[j] = order[j], order[i]
        crop_seeds = [random.next_long() for _ in range(tracks)]
        return EpochDraws(order, lambda position, room: SplittableRandom(crop_seeds[position]).next_bounded(room + 1))


def batch_plan(draws, seed, epoch, rooms, batch_size):
    """Each batch of an epoch as (track index, crop offset) pairs; a track whose room is None is skipped."""
    plan = draws.epoch(seed, epoch, len(rooms))
    batches = []
    for start in range(0, len(rooms), batch_size):
        batches.append([(plan.order[p], plan.offset(p, rooms[plan.order[p]]))
                        for p in range(start, min(len(rooms), start + batch_size)) if rooms[plan.order[p]] is not None])
    return batches


def layout(model):
    """The twin's weights in the order and under the names of tagbench's WeightLayout (PyTorch's state_dict shapes,
    GRU gates reset | update | new as torch packs them): (layout name, the twin's tensor, initial value rule), the
    rule being "weight", "bias", "gru" (a GRU's four arrays), "ones" or "zeros"."""
    slots = []

    def norm(prefix, bn):
        slots.extend([(prefix + "weight", bn.weight, "ones"), (prefix + "bias", bn.bias, "zeros"),
                      (prefix + "running_mean", bn.running_mean, "zeros"),
                      (prefix + "running_var", bn.running_var, "ones")])

    for i, layer in enumerate(model):
        prefix = f"layers.{i}."
        if isinstance(layer, twin_network.TimeBatchNorm):
            norm(prefix, layer.norm)
        elif isinstance(layer, twin_network.ConvBlock):
            slots.extend([(prefix + "conv.weight", layer.conv.weight, "weight"),
                          (prefix + "conv.bias", layer.conv.bias, "bias")])
            norm(prefix + "bn.", layer.norm)
        elif isinstance(layer, (twin_network.DenseBlock, twin_network.SigmoidOutput)):
            slots.extend([(prefix + "linear.weight", layer.linear.weight, "weight"),
                          (prefix + "linear.bias", layer.linear.bias, "bias")])
            if isinstance(layer, twin_network.DenseBlock):
                norm(prefix + "bn.", layer.norm)
        elif isinstance(layer, twin_network.Gru):
            slots.extend([(prefix + name, getattr(layer.gru, name + "_l0"), "gru")
                          for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")])
    return slots


def tagbench_initial_weights(model, seed):
    """Loads tagbench's initial weights under `training.conventions: pytorch` into the twin: one
    SplittableRandom(seed) through the layout in order; a conv or dense weight [out, in, k...] and the bias after it
    U(+-1 / sqrt(in * k...)), a GRU's arrays U(+-1 / sqrt(units)), each value (2 u - 1) * bound in double with u its
    nextDouble, then rounded to float32; batch norm's arrays constant (no draws)."""
    random = SplittableRandom(seed)
    bound = None
    with torch.no_grad():
        for _, tensor, rule in layout(model):
            if rule in ("ones", "zeros"):
                tensor.fill_(1.0 if rule == "ones" else 0.0)
                continue
            if tensor.dim() > 1:
                fan_in = math.prod(tensor.shape[1:])
                bound = 1 / math.sqrt(tensor.shape[0] // 3 if rule == "gru" else fan_in)
            values = np.array([(2 * random.next_double() - 1) * bound for _ in range(tensor.numel())])
            tensor.copy_(torch.from_numpy(values.astype(np.float32).reshape(tuple(tensor.shape))))


def print_draws(args):
    """--print-draws: tagbench's draws as the twin takes them, one line each, for TwinDrawsTest to compare."""
    if args.print_draws == "order":
        rooms = [None if r == "-" else int(r) for r in args.rooms.split(",")]
        for epoch in range(1, args.epochs + 1):
            for b, batch in enumerate(batch_plan(TagbenchDraws(), args.seed, epoch, rooms, args.batch_size)):
                print(f"epoch {epoch} batch {b + 1}:" + "".join(f" {i}@{offset}" for i, offset in batch))
        return
    with open(args.summary, encoding="utf-8") as f:
        model = twin_network.network(yaml.safe_load(f))
    tagbench_initial_weights(model, args.seed)
    for name, tensor, _ in layout(model):
        bits = tensor.detach().to(torch.float32).contiguous().numpy().view(np.uint32).ravel()
        print(name + " " + " ".join(f"{b:08x}" for b in bits))


# ---------------------------------------------------------------------------------------------------------------
# Features: torchaudio's mel spectrogram, then the configured scale.

class LogMel:
    """Chunks [batch, samples] to network input [batch, 1, n_mels, frames] (computed in float64)."""

    def __init__(self, config):
        f = lambda key, kind=float: number(config, "features." + key, kind)
        choice(config, "features.window", ("hann",))
        # The window and filterbank in float64 too: in float32 a filter's edge weight of ~1e-8 instead of 0 lets a
        # loud neighbouring bin into a quiet band (0.02 dB off at -96 dB); in float64 the mel equals tagbench's.
        default = torch.get_default_dtype()
        torch.set_default_dtype(torch.float64)
        try:
            self.mel = torchaudio.transforms.MelSpectrogram(
                sample_rate=f("sample_rate", int), n_fft=f("n_fft", int), win_length=f("win_length", int),
                hop_length=f("hop_length", int), f_min=f("fmin"), f_max=f("fmax"), n_mels=f("n_mels", int),
                window_fn=torch.hann_window, power=f("power"), center=bool(config["features"]["center"]),
                pad_mode=choice(config, "features.pad_mode", ("reflect", "constant")),
                norm=None if choice(config, "features.norm", ("slaney", "none")) == "none" else "slaney",
                mel_scale=choice(config, "features.mel_scale", ("slaney", "htk")))
        finally:
            torch.set_default_dtype(default)
        self.scale = choice(config, "features.scale", ("db", "log1p", "linear"))
        self.amin, self.log1p_c = f("amin"), f("log1p_c")
        self.ref_db = 10 * math.log10(max(self.amin, f("ref")))
        top_db = config["features"].get("top_db")
        self.top_db = None if top_db is None else number(config, "features.top_db")

    def __call__(self, chunks):
        with torch.no_grad():
            mel = self.mel(torch.from_numpy(np.asarray(chunks, dtype=np.float64)))
            if self.scale == "db":
                mel = 10 * torch.log10(torch.clamp(mel, min=self.amin)) - self.ref_db
                if self.top_db is not None:
                    loudest = mel.amax(dim=(1, 2), keepdim=True)
                    mel = torch.maximum(mel, loudest - self.top_db)
            elif self.scale == "log1p":
                mel = torch.log10(1 + self.log1p_c * mel)
        return mel.to(torch.float32).unsqueeze(1)


# ---------------------------------------------------------------------------------------------------------------
# Model: tagbench's layer structure, PyTorch's everything else.

def layer_summary(tagbench, arch, params, mels, frames, tags):
    command = [tagbench, "model", "summary", "--arch", str(arch), "--params", str(params),
               "--input", f"{mels}x{frames}", "--tags", str(tags), "--json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BadInput(f"tagbench model summary: {done.stderr.strip() or done.stdout.strip()}")
    return yaml.safe_load(done.stdout)


# ---------------------------------------------------------------------------------------------------------------
# Training: the schedule of README ("Config": training.schedule) and the loop.

@dataclass
class Rate:
    optimizer: str
    lr: float
    phase: int = 0
    drops: int = 0


class Schedule:
    """A step from one epoch's rate to the next: (next rate, whether training continues from the best weights)."""

    def __init__(self, config):
        s = lambda key, kind=float: number(config, "training.schedule." + key, kind)
        self.name = choice(config, "training.schedule.name", ("none", "step", "plateau", "adam_then_sgd"))
        self.step_epochs, self.factor, self.patience = s("step_epochs", int), s("factor"), s("patience", int)
        self.min_lr, self.adam_epochs, self.sgd_epochs = s("min_lr"), s("adam_epochs", int), s("sgd_epochs", int)
        self.sgd_lr, self.drops = s("sgd_lr"), s("drops", int)

    def after_epoch(self, rate, improved):
        phase = rate.phase + 1
        if self.name == "step" and phase == self.step_epochs:
            return self.scaled(rate), False
        if self.name == "plateau":
            bad = 0 if improved else phase
            if bad >= self.patience and rate.lr > self.min_lr:
                return self.scaled(rate), False
            return Rate(rate.optimizer, rate.lr, bad, rate.drops), False
        if self.name == "adam_then_sgd":
            if rate.optimizer == "adam" and phase == self.adam_epochs:
                return Rate("sgd", self.sgd_lr), True
            if rate.optimizer == "sgd" and phase == self.sgd_epochs and rate.drops < self.drops:
                return self.scaled(rate), True
        return Rate(rate.optimizer, rate.lr, phase, rate.drops), False

    def scaled(self, rate):
        return Rate(rate.optimizer, max(self.min_lr, rate.lr * self.factor), 0, rate.drops + 1)


def optimizer(config, name, lr, params):
    """torch's Adam, or SGD with Nesterov momentum (the configured one, or 0.9 when the schedule switches to it)."""
    o = lambda key, kind=float: number(config, "training.optimizer." + key, kind)
    decay = o("weight_decay")
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(o("beta1"), o("beta2")), weight_decay=decay)
    configured = choice(config, "training.optimizer.name", ("adam", "sgd")) == "sgd"
    momentum = o("momentum") if configured else 0.9
    nesterov = bool(config["training"]["optimizer"]["nesterov"]) if configured else True
    return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=nesterov and momentum > 0,
                           weight_decay=decay)


@dataclass(frozen=True)
class Evaluation:
    loss: float
    metrics: dict


class Twin:
    """The network with its input pipeline: training epochs of random crops and chunked evaluation."""

    def __init__(self, model, audio, mel, chunk_samples, batch_size, chunks, seed, draws):
        self.model, self.audio, self.mel = model, audio, mel
        self.chunk_samples, self.batch_size, self.chunks, self.seed = chunk_samples, batch_size, chunks, seed
        self.draws = draws
        self.loss = torch.nn.BCEWithLogitsLoss()

    def train_epoch(self, tracks, epoch, optim):
        """One pass over tracks in a shuffled order, a random crop of each; the mean of the steps' losses."""
        rooms = []
        for track in tracks:
            pcm = self.audio.open(track)
            rooms.append(None if pcm is None else max(0, pcm.size - self.chunk_samples))
        self.model.train()
        losses = []
        for batch in batch_plan(self.draws, self.seed, epoch, rooms, self.batch_size):
            if not batch:
                continue
            rows = [chunk(self.audio.open(tracks[i]), offset, self.chunk_samples) for i, offset in batch]
            labels = [tracks[i].labels for i, _ in batch]
            optim.zero_grad(set_to_none=True)
            loss = self.loss(self.model(self.mel(np.stack(rows))), torch.tensor(labels, dtype=torch.float32))
            if not math.isfinite(loss.item()):
                raise BadInput(f"training loss is {loss.item()} at epoch {epoch}: lower training.optimizer.lr")
            loss.backward()
            optim.step()
            losses.append(loss.item())
        if not losses:
            raise BadInput(no_usable(self.audio, "train"))
        return float(np.mean(losses))

    def evaluate(self, tracks, tags):
        """Each usable track's mean sigmoid output over its chunks; the chunk BCE (probabilities clipped at 1e-7)."""
        self.model.eval()
        scores, labels, loss_sum = [], [], 0.0
        pending = []

        def predict():
            with torch.no_grad():
                out = torch.sigmoid(self.model(self.mel(np.concatenate([rows for _, rows in pending]))))
            out = out.to(torch.float64).reshape(len(pending), self.chunks, -1)
            truth = torch.tensor([track.labels for track, _ in pending], dtype=torch.float64)
            clipped = out.clamp(1e-7, 1 - 1e-7)
            nonlocal loss_sum
            loss_sum += float(-(truth[:, None, :] * clipped.log() + (1 - truth[:, None, :])
                                * (1 - clipped).log()).sum())
            scores.extend(out.mean(dim=1).numpy())
            labels.extend(truth.numpy())
            pending.clear()

        for track in tracks:
            pcm = self.audio.open(track)
            if pcm is None:
                continue
            offsets = evaluation_offsets(pcm.size, self.chunk_samples, self.chunks)
            pending.append((track, np.stack([chunk(pcm, o, self.chunk_samples) for o in offsets])))
            if len(pending) * self.chunks >= self.batch_size:
                predict()
        if pending:
            predict()
        if not scores:
            raise BadInput(no_usable(self.audio, tracks[0].split))
        return Evaluation(loss_sum / (len(scores) * self.chunks * len(tags)),
                          tag_metrics(np.array(scores), np.array(labels, dtype=int), tags))


def no_usable(audio, split):
    reasons = audio.skipped_in(split)
    return (f"the {split} split has no usable tracks ({len(reasons)} missing or unreadable"
            + (f", e.g. {reasons[0]})" if reasons else ")"))


# ---------------------------------------------------------------------------------------------------------------
# Metrics: scikit-learn's, per tag, macro over the tags with both classes, micro over every pair.

def tag_metrics(scores, labels, tags):
    per_tag = []
    for j, tag in enumerate(tags):
        positives = int(labels[:, j].sum())
        defined = 0 < positives < len(labels)
        per_tag.append((tag, positives, roc_auc_score(labels[:, j], scores[:, j]) if defined else None,
                        average_precision_score(labels[:, j], scores[:, j]) if defined else None))
    defined = [t for t in per_tag if t[2] is not None]
    return {
        "per_tag": per_tag,
        "roc_auc_macro": float(np.mean([t[2] for t in defined])) if defined else float("nan"),
        "pr_auc_macro": float(np.mean([t[3] for t in defined])) if defined else float("nan"),
        "roc_auc_micro": roc_auc_score(labels.ravel(), scores.ravel()),
        "pr_auc_micro": average_precision_score(labels.ravel(), scores.ravel()),
        "tags": len(defined), "tracks": len(labels),
    }


def metrics_table(metrics):
    """tagbench's per-tag table: best ROC-AUC first, one-class tags last, then the micro values."""
    width = max([3] + [len(t[0]) for t in metrics["per_tag"]])
    lines = [f"{'tag':<{width}}  {'positives':>9}  {'ROC-AUC':>7}  {'PR-AUC':>6}"]
    undefined = "(one class only: left out of the macro mean)"
    for tag, positives, roc, pr in sorted(metrics["per_tag"], key=lambda t: (t[2] is None, -(t[2] or 0))):
        lines.append(f"{tag:<{width}}  {positives:>9d}  {roc:>7.4f}  {pr:>6.4f}" if roc is not None else
                     f"{tag:<{width}}  {positives:>9d}  {'-':>7}  {'-':>6}  {undefined}")
    lines.append(f"micro: ROC-AUC {metrics['roc_auc_micro']:.4f}  PR-AUC {metrics['pr_auc_micro']:.4f}")
    return "\n".join(lines)


def summary_line(split, metrics):
    return (f"{split} ROC-AUC (macro): {metrics['roc_auc_macro']:.4f}  PR-AUC (macro): {metrics['pr_auc_macro']:.4f}"
            f"  tags: {metrics['tags']}  tracks: {metrics['tracks']}")


# ---------------------------------------------------------------------------------------------------------------

def fit(config, twin, train, valid, tags):
    """Trains with the schedule and early stopping; leaves the best epoch's weights; (best epoch, epochs run)."""
    max_epochs = number(config, "training.max_epochs", int)
    monitor = choice(config, "training.early_stopping.monitor", ("roc_auc", "loss"))
    patience = number(config, "training.early_stopping.patience", int)
    schedule = Schedule(config)
    rate = Rate(choice(config, "training.optimizer.name", ("adam", "sgd")), number(config, "training.optimizer.lr"))
    optim = optimizer(config, rate.optimizer, rate.lr, twin.model.parameters())
    best, best_epoch, best_score, since_best, epoch = None, 0, None, 0, 1
    while epoch <= max_epochs and not (patience > 0 and since_best >= patience):
        start = time.perf_counter()
        train_loss = twin.train_epoch(train, epoch, optim)
        validation = twin.evaluate(valid, tags)
        seconds = time.perf_counter() - start
        score = -validation.loss if monitor == "loss" else validation.metrics["roc_auc_macro"]
        improved = best_epoch == 0 or score > best_score
        if improved:
            best, best_epoch, best_score, since_best = copy.deepcopy(twin.model.state_dict()), epoch, score, 0
        else:
            since_best += 1
        following, reload_best = schedule.after_epoch(rate, improved)
        note = ""
        if reload_best:
            twin.model.load_state_dict(best)
        if following.optimizer != rate.optimizer:
            optim = optimizer(config, following.optimizer, following.lr, twin.model.parameters())
        elif following.lr != rate.lr:
            for group in optim.param_groups:
                group["lr"] = following.lr
        if (following.optimizer, following.lr) != (rate.optimizer, rate.lr):
            note = f"  -> {following.optimizer} lr {following.lr:.2g}" + (
                " from the best epoch's weights" if reload_best else "")
        rate = following
        print(f"epoch {epoch}: train loss {train_loss:.4f}  val loss {validation.loss:.4f}  "
              f"val ROC-AUC {validation.metrics['roc_auc_macro']:.4f}  {seconds:.1f} s{note}", file=sys.stderr,
              flush=True)
        epoch += 1
    if patience > 0 and since_best >= patience and epoch <= max_epochs:
        print(f"early stop: no better validation {monitor} for {since_best} epochs", file=sys.stderr)
    twin.model.load_state_dict(best)
    return best_epoch, epoch - 1


def run(args):
    config = load_config(args.config, args.set)
    seed = args.seed if args.seed is not None else number(config, "seed", int)
    if args.same_init:
        conventions = choice(config, "training.conventions", ("pytorch", "keras", "dl4j"))
        if conventions != "pytorch":
            raise BadInput(f"--same-init: training.conventions is {conventions}, expected pytorch (the only "
                           "conventions whose initial weights tagbench draws by torch.nn's rules)")
    torch.manual_seed(seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    rate = number(config, "features.sample_rate", int)
    print(f"run {config['name']}  twin  seed {seed}  engine python torch {torch.__version__} "
          f"({torch.get_num_threads()} threads)", flush=True)
    dataset = open_dataset(config, args.config, args.set, args.tagbench)
    splits = {s: dataset.split(s) for s in SPLITS}
    for s in SPLITS:
        if not splits[s]:
            raise BadInput(f"the {s} split of {dataset.root} has no tracks")
    mel = LogMel(config)
    chunk_samples = int(math.floor(number(config, "data.chunk_seconds") * rate + 0.5))
    frames = mel(np.zeros((1, chunk_samples))).shape[-1]
    budget = parameter_budget(config["model"]["params"])
    summary = layer_summary(args.tagbench, config["model"]["arch"], budget, mel.mel.n_mels, frames,
                            len(dataset.tags))
    try:
        model = twin_network.network(summary)
    except ValueError as e:
        raise BadInput(str(e))
    if args.same_init:
        tagbench_initial_weights(model, seed)
    print(f"model {summary['arch']}  widths {summary['widths']}  input {summary['input'][0]}x{summary['input'][1]}"
          f"  tags {summary['tags']}  trainable parameters {twin_network.trainable_params(model):,} "
          f"(budget {budget:,}; tagbench's count {summary['params']:,})")
    draws = TagbenchDraws() if args.same_order else TwinDraws()
    print(f"draws: batch order and crops {draws.name}, initial weights "
          f"{'tagbench' if args.same_init else 'torch'}'s, dropout torch's (seed {seed})")
    print(f"data {dataset.root}: train {len(splits['train'])}  valid {len(splits['valid'])}  "
          f"test {len(splits['test'])} tracks; decoded by FFmpeg (torchaudio.io), kept in memory", flush=True)
    audio = AudioStore(rate)
    twin = Twin(model, audio, mel, chunk_samples, number(config, "training.batch_size", int),
                number(config, "eval.chunks", int), seed, draws)
    best_epoch, epochs = fit(config, twin, splits["train"], splits["valid"], dataset.tags)
    test = twin.evaluate(splits["test"], dataset.tags)
    print(f"best epoch {best_epoch} of {epochs}")
    for s in SPLITS:
        reasons = audio.skipped_in(s)
        if reasons:
            print(f"skipped {len(reasons)} missing or unreadable {s} tracks, e.g. {reasons[0]}")
    print(metrics_table(test.metrics))
    print(summary_line("test", test.metrics))


def main():
    parser = argparse.ArgumentParser(prog=PROGRAM, description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", help="experiment config (YAML or JSON)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a config value by its dotted path (repeatable)")
    parser.add_argument("--seed", type=int, help="seed for order, crops, weights and dropout (default: the config's)")
    parser.add_argument("--threads", type=int, help="torch intra-op threads (default: torch's, OMP_NUM_THREADS)")
    parser.add_argument("--tagbench", default=os.path.normpath(TAGBENCH),
                        help="the tagbench launcher that gives the layer structure (default: this checkout's)")
    parser.add_argument("--same-order", action="store_true",
                        help="training epochs take tagbench's batch order and crop offsets (BatchStream's "
                             "SplittableRandom draws from the seed and the epoch) instead of the twin's NumPy ones")
    parser.add_argument("--same-init", action="store_true",
                        help="start from tagbench's initial weights under training.conventions: pytorch (drawn from "
                             "the seed as tagbench's InitialWeights does) instead of torch's; refused for other "
                             "conventions")
    check = parser.add_argument_group("checking the draws against tagbench's (no config, no training; "
                                      "TwinDrawsTest runs it)")
    check.add_argument("--print-draws", choices=("order", "init"),
                       help="print tagbench's draws as the twin takes them: 'order' each batch's track@offset for "
                            "--rooms, 'init' each array of --summary's network as float32 bits in hex")
    check.add_argument("--rooms", help="order: each track's samples beyond one chunk (comma-separated; - skipped)")
    check.add_argument("--epochs", type=int, default=1, help="order: epochs 1 to this")
    check.add_argument("--batch-size", type=int, default=16, help="order: tracks per batch")
    check.add_argument("--summary", help="init: the JSON of tagbench model summary --json")
    args = parser.parse_args()
    if args.print_draws:
        needed = "--rooms" if args.print_draws == "order" else "--summary"
        if args.config or args.seed is None or not (args.rooms if args.print_draws == "order" else args.summary):
            parser.error(f"--print-draws {args.print_draws} takes --seed and {needed}, and no config")
    elif not args.config:
        parser.error("the following arguments are required: config")
    try:
        if args.print_draws:
            print_draws(args)
            return
        run(args)
    except BadInput as e:
        print(f"{PROGRAM}: {e}", file=sys.stderr)
        sys.exit(2)
    except Unreadable as e:
        print(f"{PROGRAM}: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
