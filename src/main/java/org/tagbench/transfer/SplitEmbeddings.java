package org.tagbench.transfer;

import java.util.List;

/**
 * One split's embedded tracks: their ids, one embedding row each (several layers concatenated) and their labels.
 *
 * @param ids the track ids, in the dataset's order
 * @param x one row per track
 * @param labels one row of tag labels per track, in vocabulary order
 */
record SplitEmbeddings(List<String> ids, double[][] x, boolean[][] labels) {
    SplitEmbeddings {
        ids = List.copyOf(ids);
    }

    /** The same tracks with each column shifted by {@code mean} and divided by {@code scale}. */
    SplitEmbeddings standardised(double[] mean, double[] scale) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = new double[mean.length];
            for (int a = 0; a < mean.length; a++) {
                z[i][a] = (x[i][a] - mean[a]) / scale[a];
            }
        }
        return new SplitEmbeddings(ids, z, labels);
    }

    /** Each column's mean. */
    double[] mean() {
        double[] mean = new double[x[0].length];
        for (double[] row : x) {
            for (int a = 0; a < mean.length; a++) {
                mean[a] += row[a] / x.length;
            }
        }
        return mean;
    }

    /** Each column's standard deviation about {@code mean} (population), 1 for a constant column. */
    double[] scale(double[] mean) {
        double[] scale = new double[mean.length];
        for (double[] row : x) {
            for (int a = 0; a < mean.length; a++) {
                scale[a] += (row[a] - mean[a]) * (row[a] - mean[a]) / x.length;
            }
        }
        for (int a = 0; a < scale.length; a++) {
            scale[a] = scale[a] > 0 ? Math.sqrt(scale[a]) : 1;
        }
        return scale;
    }
}
