package org.tagbench.data.readers;

import java.nio.file.Path;
import org.tagbench.files.NpyMatrix;

/** A NumPy {@code .npy} label matrix (tracks x tags), bool or numeric 0/1, read through ND4J. */
final class NpyLabels {
    private NpyLabels() {
    }

    /** The rows of {@code file}, which must hold a {@code rows} x {@code columns} matrix of 0/1 values. */
    static boolean[][] read(Path file, int rows, int columns) {
        DatasetFiles.requireFile(file, "a NumPy label matrix");
        double[][] values;
        try {
            values = NpyMatrix.read(file);
        } catch (IllegalArgumentException e) {
            throw DatasetFiles.problem(file, 0, e.getMessage());
        }
        if (values.length != rows || (rows > 0 && values[0].length != columns)) {
            throw DatasetFiles.problem(file, 0, "has shape [" + values.length + ", "
                    + (values.length > 0 ? values[0].length : 0) + "], expected [" + rows + ", " + columns
                    + "] (tracks x tags)");
        }
        boolean[][] labels = new boolean[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double value = values[r][c];
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
