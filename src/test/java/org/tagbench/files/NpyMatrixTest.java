package org.tagbench.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads NumPy's own files (scripts/npy_fixtures.py) and writes what NumPy's format reads back. */
class NpyMatrixTest {
    private static final Path DIR = Path.of("src/test/resources/files");

    @ParameterizedTest
    @ValueSource(strings = {"m-f4.npy", "m-f8-big-endian.npy", "m-i8-fortran.npy", "m-u1.npy", "m-i2-version2.npy"})
    void everyDtypeOrderAndVersionReadsTheSameMatrix(String file) {
        double[][] m = NpyMatrix.read(DIR.resolve(file));
        assertEquals(3, m.length);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(new double[] {4 * r, 4 * r + 1, 4 * r + 2, 4 * r + 3}, m[r], 0);
        }
    }

    @Test
    void boolsReadAsZeroAndOne() {
        assertArrayEquals(new double[] {0, 1, 0, 1}, NpyMatrix.read(DIR.resolve("m-bool.npy"))[2], 0);
    }

    @Test
    void aVectorOrNonNpyFileIsRejectedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        assertEquals("has shape [4], expected a 2-D matrix", assertThrows(IllegalArgumentException.class,
                () -> NpyMatrix.read(DIR.resolve("vector.npy"))).getMessage());
        Path text = Files.writeString(dir.resolve("text.npy"), "not numpy");
        assertEquals("not a NumPy .npy file (no \\x93NUMPY magic)", assertThrows(IllegalArgumentException.class,
                () -> NpyMatrix.read(text)).getMessage());
    }

    @Test
    void writtenFloat64AndBoolAreTheBytesNumPyWrites() throws Exception {
        double[][] m = new double[3][4];
        boolean[][] odd = new boolean[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                m[r][c] = 4 * r + c;
                odd[r][c] = (4 * r + c) % 2 == 1;
            }
        }
        assertArrayEquals(Files.readAllBytes(DIR.resolve("m-f8.npy")), NpyMatrix.float64(m));
        assertArrayEquals(Files.readAllBytes(DIR.resolve("m-bool.npy")), NpyMatrix.bool(odd));
    }

    @Test
    void writtenFloat64ReadsBackExactlyAndRaggedRowsAreRefused(@TempDir Path dir) throws Exception {
        double[][] values = {{0.1, Math.PI, -0.0, Double.MIN_VALUE}, {1e300, 1 - Math.ulp(1.0), 0.3, 2}};
        double[][] back = NpyMatrix.read(Files.write(dir.resolve("f8.npy"), NpyMatrix.float64(values)));
        assertArrayEquals(values[0], back[0], 0);
        assertArrayEquals(values[1], back[1], 0);
        assertEquals("row 1 has 1 values, row 0 has 2", assertThrows(IllegalArgumentException.class,
                () -> NpyMatrix.bool(new boolean[][] {{true, false}, {true}})).getMessage());
    }

    @Test
    void writtenFloat32ReadsBackAndHasAnAlignedHeader(@TempDir Path dir) throws Exception {
        float[] values = {0.5f, -1.25f, 3e-8f, 7f, 8f, Float.MAX_VALUE};
        byte[] bytes = NpyMatrix.float32(values, 2, 3);
        // Magic, version, header length, header: the data starts at a multiple of 64 bytes, as NumPy writes it.
        assertEquals(0, (10 + (bytes[8] & 0xff) + ((bytes[9] & 0xff) << 8)) % 64);
        double[][] back = NpyMatrix.read(Files.write(dir.resolve("w.npy"), bytes));
        assertArrayEquals(new double[] {0.5, -1.25, 3e-8f}, back[0], 0);
        assertArrayEquals(new double[] {7, 8, Float.MAX_VALUE}, back[1], 0);
    }

    @Test
    void float32ArraysOfAnyShapeAreTheBytesNumPyWritesAndReadBack() throws Exception {
        float[] kernel = new float[12];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = i / 4f - 1;
        }
        assertArrayEquals(Files.readAllBytes(DIR.resolve("kernel-f4.npy")), NpyMatrix.float32(kernel,
                new int[] {2, 3, 1, 2}));
        assertArrayEquals(Files.readAllBytes(DIR.resolve("vector.npy")), NpyMatrix.float32(new float[] {0, 1, 2, 3},
                new int[] {4}));

        NpyMatrix.Floats read = NpyMatrix.readFloats(Files.readAllBytes(DIR.resolve("kernel-f4.npy")));
        assertArrayEquals(new int[] {2, 3, 1, 2}, read.shape());
        assertArrayEquals(kernel, read.values(), 0);
        NpyMatrix.Floats bigEndian = NpyMatrix.readFloats(Files.readAllBytes(DIR.resolve("m-f8-big-endian.npy")));
        assertArrayEquals(new int[] {3, 4}, bigEndian.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, bigEndian.values(), 0);
        assertEquals("is in Fortran order, expected C order", assertThrows(IllegalArgumentException.class,
                () -> NpyMatrix.readFloats(Files.readAllBytes(DIR.resolve("m-i8-fortran.npy")))).getMessage());
    }
}
