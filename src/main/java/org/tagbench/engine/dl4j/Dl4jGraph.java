package org.tagbench.engine.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.tagbench.model.ModelSpec;

/**
 * A graph spec's layers as one DL4J ComputationGraph: each spec node's layers in a row, the first reading the
 * outputs of the nodes the spec node reads (through its join vertex for an add or a concat, named {@code node<i>}),
 * or the network's input (after any leading layer). Layer {@code k} is the vertex {@code layer<k>}.
 */
final class Dl4jGraph implements Dl4jModel {
    private static final String INPUT = "input";

    private final ComputationGraph graph;
    /** The vertex whose output is each spec node's. */
    private final List<String> nodeOutputs;

    private Dl4jGraph(ComputationGraph graph, List<String> nodeOutputs) {
        this.graph = graph;
        this.nodeOutputs = nodeOutputs;
        CpuHelpers.setInto(graph.getLayers());
    }

    /**
     * The initialised graph of {@code layers} under {@code configuration}, wired as {@code spec}'s nodes, eating
     * {@code input}; the layers before the spec's first node's come first, in a row.
     */
    static Dl4jGraph build(NeuralNetConfiguration.Builder configuration, Dl4jLayers layers, ModelSpec spec,
                           InputType input) {
        ComputationGraphConfiguration.GraphBuilder builder = configuration.graphBuilder().addInputs(INPUT);
        List<org.deeplearning4j.nn.conf.layers.Layer> all = layers.layers();
        List<Integer> lastLayers = layers.lastLayers();
        String[] outputs = new String[lastLayers.size()];
        String networkInput = INPUT;
        int next = 0;
        for (; next < layers.leading(); next++) {
            networkInput = addLayer(builder, layers, all, next, networkInput);
        }
        for (int node = 0; node < outputs.length; node++) {
            String[] reads = readNames(spec.inputs().get(node), outputs, networkInput);
            GraphVertex join = layers.join(node);
            String from;
            if (join != null) {
                from = "node" + node;
                builder.addVertex(from, join, reads);
            } else if (reads.length == 1) {
                from = reads[0];
            } else {
                throw new IllegalArgumentException("node " + node + " reads " + reads.length
                        + " nodes but is no add or concat");
            }
            for (; next <= lastLayers.get(node); next++) {
                from = addLayer(builder, layers, all, next, from);
            }
            outputs[node] = from;
        }
        builder.setOutputs(outputs[outputs.length - 1]);
        builder.setInputTypes(input);
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        return new Dl4jGraph(graph, List.of(outputs));
    }

    private static String addLayer(ComputationGraphConfiguration.GraphBuilder builder, Dl4jLayers layers,
                                   List<org.deeplearning4j.nn.conf.layers.Layer> all, int index, String from) {
        String name = layerName(index);
        builder.addLayer(name, all.get(index), layers.preProcessor(index), from);
        return name;
    }

    private static String[] readNames(List<Integer> reads, String[] outputs, String networkInput) {
        return reads.stream().map(n -> n == ModelSpec.INPUT ? networkInput : outputs[n]).toArray(String[]::new);
    }

    private static String layerName(int index) {
        return "layer" + index;
    }

    @Override
    public void fit(DataSet step) {
        graph.fit(step);
    }

    @Override
    public double score() {
        return graph.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return graph.outputSingle(false, features);
    }

    /** The output of the node's last vertex (a join's too: DL4J gives every vertex's). */
    @Override
    public INDArray nodeOutput(INDArray features, int node) {
        return graph.feedForward(features, false).get(nodeOutputs.get(node));
    }

    @Override
    public Layer layer(int index) {
        return graph.getLayer(layerName(index));
    }

    @Override
    public Layer[] layers() {
        return graph.getLayers();
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return graph.paramTable();
    }

    @Override
    public long numParams() {
        return graph.numParams();
    }

    @Override
    public void resetUpdater() {
        graph.setUpdater(null);
    }

    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        ModelSerializer.writeModel(graph, out, withOptimizerState);
    }

    @Override
    public Dl4jGraph read(InputStream in) throws IOException {
        return new Dl4jGraph(ModelSerializer.restoreComputationGraph(in, true), nodeOutputs);
    }
}
