package org.tagbench.engine.pytorch;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.tagbench.model.ModelSpec;

/**
 * A graph {@link ModelSpec}'s nodes as one DJL block: each node's block runs, in node order, on the outputs of the
 * nodes it reads (in the order it reads them), or on the network's input; the last node's output is the block's.
 * A chain needs none of this and stays a plain sequential block.
 */
final class PyTorchGraph extends AbstractBlock {
    private final List<Block> nodes;
    private final List<List<Integer>> inputs;

    /** The graph of {@code nodes}, node {@code i} reading {@code inputs.get(i)} (as {@link ModelSpec#inputs()}). */
    PyTorchGraph(List<Block> nodes, List<List<Integer>> inputs) {
        this.nodes = List.copyOf(nodes);
        this.inputs = inputs;
        for (int i = 0; i < nodes.size(); i++) {
            addChildBlock("node" + i, nodes.get(i));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameters, NDList input, boolean training,
                                     PairList<String, Object> params) {
        return through(parameters, input, training, nodes.size() - 1);
    }

    /** Runs nodes 0 to {@code last} on {@code input}; node {@code last}'s output. */
    NDList through(ParameterStore parameters, NDList input, boolean training, int last) {
        NDList[] outputs = new NDList[last + 1];
        for (int i = 0; i <= last; i++) {
            NDList read = new NDList();
            for (int from : inputs.get(i)) {
                read.addAll(from == ModelSpec.INPUT ? input : outputs[from]);
            }
            outputs[i] = nodes.get(i).forward(parameters, read, training);
        }
        return outputs[last];
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[][] outputs = new Shape[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            outputs[i] = nodes.get(i).getOutputShapes(read(i, inputShapes, outputs));
        }
        return outputs[nodes.size() - 1];
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[][] outputs = new Shape[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            Shape[] read = read(i, inputShapes, outputs);
            nodes.get(i).initialize(manager, dataType, read);
            outputs[i] = nodes.get(i).getOutputShapes(read);
        }
    }

    /** The shapes node {@code node} reads, from the input's and the earlier nodes' output shapes. */
    private Shape[] read(int node, Shape[] input, Shape[][] outputs) {
        return inputs.get(node).stream()
                .flatMap(from -> List.of(from == ModelSpec.INPUT ? input : outputs[from]).stream())
                .toArray(Shape[]::new);
    }
}
