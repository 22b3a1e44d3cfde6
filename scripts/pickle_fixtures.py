#!/usr/bin/python3
"""Writes the small pickled tag-vector dicts the MSD reader tests read (src/test/resources/data/), shaped like Lee's
msd_id_to_tag_vector.cP (MSD id -> NumPy array of 50 0/1 values): track TRFIXTURE00000000i has tags i and 49 - i.
tag_vectors_p2.cP: int64 arrays of shape (50, 1) at pickle protocol 2; tag_vectors_p0.cP: bool arrays of shape (50,)
at protocol 0; tag_vectors_py2.cP: float64 arrays of shape (50,) at protocol 0 with every byte string written as
Python 2's cPickle writes a str (opcode STRING, quoted and escaped), not as Python 3 writes bytes. Run from the
project root:
/usr/bin/python3 scripts/pickle_fixtures.py"""
import pickle
from pathlib import Path

import numpy as np

IDS = [f"TRFIXTURE{i:09d}" for i in range(5)]


class Python2Pickler(pickle._Pickler):
    """Writes bytes as Python 2 wrote str at protocol 0: S'...' with every non-printable byte escaped."""

    def save_bytes(self, data):
        text = "".join(chr(b) if 32 <= b < 127 and chr(b) not in "\\'" else f"\\x{b:02x}" for b in data)
        self.write(pickle.STRING + f"'{text}'".encode("ascii") + b"\n")
        self.memoize(data)

    dispatch = dict(pickle._Pickler.dispatch)
    dispatch[bytes] = save_bytes


def vector(i):
    v = np.zeros(50, dtype=np.int64)
    v[[i, 49 - i]] = 1
    return v


folder = Path("src/test/resources/data")
with open(folder / "tag_vectors_p2.cP", "wb") as f:
    pickle.dump({msd_id: vector(i).reshape(50, 1) for i, msd_id in enumerate(IDS)}, f, protocol=2)
with open(folder / "tag_vectors_p0.cP", "wb") as f:
    pickle.dump({msd_id: vector(i).astype(bool) for i, msd_id in enumerate(IDS)}, f, protocol=0)
with open(folder / "tag_vectors_py2.cP", "wb") as f:
    Python2Pickler(f, protocol=0).dump({msd_id: vector(i).astype(np.float64) for i, msd_id in enumerate(IDS)})
with open(folder / "tag_vectors_py2.cP", "rb") as f:
    assert all((v == vector(i)).all() for i, v in enumerate(pickle.load(f, encoding="latin1").values()))
