#!/usr/bin/python3
"""Writes the small pickled tag-vector dicts the MSD reader tests read (src/test/resources/data/), shaped like Lee's
msd_id_to_tag_vector.cP (MSD id -> NumPy array of 50 0/1 values): track TRFIXTURE00000000i has tags i and 49 - i.
tag_vectors_p2.cP: int64 arrays of shape (50, 1) at pickle protocol 2; tag_vectors_p0.cP: bool arrays of shape (50,)
at protocol 0 (ASCII, like Python 2's cPickle default). Run from the project root:
/usr/bin/python3 scripts/pickle_fixtures.py"""
import pickle
from pathlib import Path

import numpy as np

IDS = [f"TRFIXTURE{i:09d}" for i in range(5)]


def vector(i):
    v = np.zeros(50, dtype=np.int64)
    v[[i, 49 - i]] = 1
    return v


folder = Path("src/test/resources/data")
with open(folder / "tag_vectors_p2.cP", "wb") as f:
    pickle.dump({msd_id: vector(i).reshape(50, 1) for i, msd_id in enumerate(IDS)}, f, protocol=2)
with open(folder / "tag_vectors_p0.cP", "wb") as f:
    pickle.dump({msd_id: vector(i).astype(bool) for i, msd_id in enumerate(IDS)}, f, protocol=0)
