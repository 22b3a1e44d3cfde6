package org.tagbench.data;

import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A NumPy {@code .npy} label matrix (tracks x tags), bool or numeric 0/1, read through ND4J. */
final class NpyLabels {
    private NpyLabels() {
    }

    /** The rows of {@code file}, which must hold a {@code rows} x {@code columns} matrix of 0/1 values. */
    static boolean[][] read(Path file, int rows, int columns) {
        DatasetFiles.requireFile(file, "a NumPy label matrix");
        INDArray array;
        try {
            array = Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw DatasetFiles.problem(file, 0, "not a NumPy .npy file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        long[] shape = array.shape();
        if (shape.length != 2 || shape[0] != rows || shape[1] != columns) {
            throw DatasetFiles.problem(file, 0, "has shape " + Arrays.toString(shape) + ", expected [" + rows + ", "
                    + columns + "] (tracks x tags)");
        }
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        boolean[][] labels = new boolean[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float value = values[r * columns + c];
                if (value != 0 && value != 1) {
                    throw DatasetFiles.problem(file, 0, "value " + value + " at row " + r + ", column " + c
                            + " is not 0 or 1");
                }
                labels[r][c] = value == 1;
            }
        }
        return labels;
    }
}
