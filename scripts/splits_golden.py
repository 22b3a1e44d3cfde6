#!/usr/bin/python3
"""Writes src/test/resources/data/splits-golden.json: counts the dataset reader tests check, computed with NumPy
straight from the published split files in ../shared/splits (Choi's MSD lists and labels, Lee's filtered test
list, MTG-Jamendo's top-50 TSVs). Run from the project root: /usr/bin/python3 scripts/splits_golden.py"""
import json
import pickle
from collections import Counter
from pathlib import Path

import numpy as np

SPLITS = Path("../shared/splits")
CHOI = SPLITS / "msd-choi"


def lines(path):
    return [line.strip() for line in path.read_text().splitlines()]


out = {"numpy": np.__version__, "msd_choi": {}, "jamendo": {}}
choi_ids = {}
for split in ("train", "valid", "test"):
    ids = lines(CHOI / f"{split}_x_msd_id.txt")
    choi_ids[split] = ids
    entry = {"tracks": len(ids), "first": ids[0], "last": ids[-1]}
    y_file = CHOI / f"{split}_y.npy"
    if y_file.exists():
        y = np.load(y_file)
        entry["positives_per_tag"] = [int(n) for n in y.sum(axis=0)]
        entry["tracks_without_tag"] = int((~y.any(axis=1)).sum())
    out["msd_choi"][split] = entry

# Lee's test list holds a subset of Choi's test ids; the per-tag positives of that subset under Choi's labels.
with open(SPLITS / "msd-lee" / "filtered_list_test.cP", "rb") as f:
    lee_test = pickle.load(f, encoding="latin1")
row = {msd_id: i for i, msd_id in enumerate(choi_ids["test"])}
choi_test_y = np.load(CHOI / "test_y.npy")
lee_rows = [row[msd_id] for msd_id in lee_test]
out["msd_lee"] = {"test": {"tracks": len(lee_test), "first": lee_test[0],
                           "positives_per_tag": [int(n) for n in choi_test_y[lee_rows].sum(axis=0)]}}

for split, name in (("train", "train"), ("valid", "validation"), ("test", "test")):
    counts = Counter()
    rows = 0
    for line in lines(SPLITS / "jamendo" / f"autotagging_top50tags-{name}.tsv")[1:]:
        fields = line.split("\t")
        counts.update(set(fields[5:]))
        rows += 1
    out["jamendo"][split] = {"tracks": rows, "positives_per_tag": dict(sorted(counts.items()))}

# One line per dataset and split keeps the file small and its diffs readable.
sections = [f' "numpy": {json.dumps(out["numpy"])}'] + [
    f' "{dataset}.{split}": {json.dumps(entry)}'
    for dataset in ("msd_choi", "msd_lee", "jamendo") for split, entry in out[dataset].items()]
Path("src/test/resources/data/splits-golden.json").write_text("{\n" + ",\n".join(sections) + "\n}\n")
