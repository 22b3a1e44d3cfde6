package org.tagbench.files;

import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A 2-D NumPy {@code .npy} array of any numeric or bool dtype, as rows of doubles, read through ND4J. */
public final class NpyMatrix {
    private NpyMatrix() {
    }

    /**
     * The rows of {@code file}; an {@link IllegalArgumentException} says what is wrong (not a .npy file, not
     * 2-D) without naming the file, so that callers can put it in their own one-line error.
     */
    public static double[][] read(Path file) {
        INDArray array;
        try {
            array = Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a NumPy .npy file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException("has shape " + Arrays.toString(array.shape())
                    + ", expected a 2-D matrix");
        }
        return array.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
