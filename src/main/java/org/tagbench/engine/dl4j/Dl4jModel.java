package org.tagbench.engine.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The DL4J network behind a {@link Dl4jNetwork}: a {@link Dl4jStack} for a chain spec (a MultiLayerNetwork, the
 * format every chain was saved in) or a {@link Dl4jGraph} for a graph spec (a ComputationGraph). Layers are
 * counted as {@link Dl4jLayers} counts them.
 */
interface Dl4jModel {

    /** One training step on {@code step}. */
    void fit(DataSet step);

    /** DL4J's score of the last training step. */
    double score();

    /** The network's output for {@code features} in inference mode. */
    INDArray output(INDArray features);

    /** The output of spec node {@code node} for {@code features} in inference mode, as DL4J leaves it. */
    INDArray nodeOutput(INDArray features, int node);

    /** Layer {@code index}. */
    Layer layer(int index);

    /** Every layer. */
    Layer[] layers();

    /** Every parameter array by DL4J's name, running statistics included. */
    Map<String, INDArray> paramTable();

    /** How many values {@link #paramTable()} holds. */
    long numParams();

    /** Drops the optimizer's state, so that the next step starts it afresh from the layers' updaters. */
    void resetUpdater();

    /** Writes the network (configuration, parameters and, if asked, the optimizer's state) as a DL4J model zip. */
    void write(OutputStream out, boolean withOptimizerState) throws IOException;

    /** The network {@link #write} wrote, wired as this one. */
    Dl4jModel read(InputStream in) throws IOException;
}
