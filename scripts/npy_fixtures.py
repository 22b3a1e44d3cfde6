"""Writes the .npy fixtures NpyMatrixTest reads: one 3 x 4 matrix in several dtypes, orders and versions, a vector
and a 4-D float32 array. Rerun from the project root: /usr/bin/python3 scripts/npy_fixtures.py"""
import io
import pathlib

import numpy as np
import numpy.lib.format as fmt

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/files"
OUT.mkdir(parents=True, exist_ok=True)
m = np.array([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])
np.save(OUT / "m-f4.npy", m.astype("<f4"))
np.save(OUT / "m-f8-big-endian.npy", m.astype(">f8"))
np.save(OUT / "m-f8.npy", m.astype("<f8"))
np.save(OUT / "m-i8-fortran.npy", np.asfortranarray(m.astype("<i8")))
np.save(OUT / "m-u1.npy", m.astype("u1"))
np.save(OUT / "m-bool.npy", (m % 2).astype(bool))
np.save(OUT / "vector.npy", np.arange(4, dtype="<f4"))
# A convolution kernel's shape [out, in, height, width], as a model bundle's weights.npz holds them.
np.save(OUT / "kernel-f4.npy", (np.arange(12, dtype="<f4") / 4 - 1).reshape(2, 3, 1, 2))
with open(OUT / "m-i2-version2.npy", "wb") as f:
    fmt.write_array(f, m.astype("<i2"), version=(2, 0))
