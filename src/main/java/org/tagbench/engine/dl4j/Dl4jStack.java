package org.tagbench.engine.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A chain spec's layers as one DL4J MultiLayerNetwork, in order (the format chains have always been saved in). */
final class Dl4jStack implements Dl4jModel {
    private final MultiLayerNetwork network;
    private final List<Integer> lastLayers;

    private Dl4jStack(MultiLayerNetwork network, List<Integer> lastLayers) {
        this.network = network;
        this.lastLayers = lastLayers;
        CpuHelpers.setInto(network.getLayers());
    }

    /** The initialised stack of {@code layers} under {@code configuration}, eating {@code input}. */
    static Dl4jStack build(NeuralNetConfiguration.Builder configuration, Dl4jLayers layers, InputType input) {
        NeuralNetConfiguration.ListBuilder list = configuration.list();
        List<org.deeplearning4j.nn.conf.layers.Layer> all = layers.layers();
        for (int i = 0; i < all.size(); i++) {
            InputPreProcessor preProcessor = layers.preProcessor(i);
            if (preProcessor != null) {
                list.inputPreProcessor(i, preProcessor);
            }
            list.layer(all.get(i));
        }
        list.setInputType(input);
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return new Dl4jStack(network, layers.lastLayers());
    }

    @Override
    public void fit(DataSet step) {
        network.fit(step);
    }

    @Override
    public double score() {
        return network.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return network.output(features, false);
    }

    /** The activations of the node's last layer. */
    @Override
    public INDArray nodeOutput(INDArray features, int node) {
        int last = lastLayers.get(node);
        // The list starts with the input, so layer i's activations are at i + 1.
        return network.feedForwardToLayer(last, features, false).get(last + 1);
    }

    @Override
    public Layer layer(int index) {
        return network.getLayer(index);
    }

    @Override
    public Layer[] layers() {
        return network.getLayers();
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return network.paramTable();
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    @Override
    public void resetUpdater() {
        network.setUpdater(null);
    }

    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        ModelSerializer.writeModel(network, out, withOptimizerState);
    }

    @Override
    public Dl4jStack read(InputStream in) throws IOException {
        return new Dl4jStack(ModelSerializer.restoreMultiLayerNetwork(in, true), lastLayers);
    }
}
