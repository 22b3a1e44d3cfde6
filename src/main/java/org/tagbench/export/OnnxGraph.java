package org.tagbench.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * An ONNX graph under construction: constants (initializers), nodes with fresh output names, and the graph's
 * inputs and outputs, float32 tensors whose first dimension is the batch. Names are made unique by a counter, so
 * the front end and the network can be added to one graph without knowing each other's names.
 */
final class OnnxGraph {
    /** The symbolic first dimension of every graph input and output. */
    static final String BATCH = "batch";
    private static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    private static final int DOUBLE = TensorProto.DataType.DOUBLE.getNumber();
    private static final int INT64 = TensorProto.DataType.INT64.getNumber();

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    /** An empty graph named {@code name}. */
    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** Declares a graph input [batch, dims...] of float32 named {@code name}; returns the name. */
    String input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    /** Makes {@code value} a graph output [batch, dims...] of float32 named {@code name}, through an Identity node. */
    void output(String value, String name, long... dims) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, dims));
    }

    /** A float32 constant of shape {@code dims} holding {@code values} row-major, rounded from double. */
    String constant(String hint, double[] values, long... dims) {
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
        }
        return constant(hint, rounded, dims);
    }

    /** A float64 constant of shape {@code dims} (none: a scalar) holding {@code values} row-major. */
    String doubles(String hint, double[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        return tensor(hint, DOUBLE, bytes, values.length, dims);
    }

    /** A float32 constant of shape {@code dims} holding {@code values} row-major. */
    String constant(String hint, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return tensor(hint, FLOAT, bytes, values.length, dims);
    }

    /** Casts {@code input} to float32 ({@code toDouble} false) or float64. */
    String cast(String input, boolean toDouble) {
        return node("Cast", List.of(input), attribute("to", toDouble ? DOUBLE : FLOAT));
    }

    /** A one-dimensional int64 constant (shapes, axes, pads, slice bounds). */
    String longs(String hint, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        return tensor(hint, INT64, bytes, values.length, values.length);
    }

    /** Adds a node of {@code opType} on {@code inputs} with one output, whose fresh name it returns. */
    String node(String opType, List<String> inputs, AttributeProto... attributes) {
        return node(opType, inputs, 1, attributes)[0];
    }

    /** Adds a node of {@code opType} on {@code inputs} with {@code outputs} outputs, whose fresh names it returns. */
    String[] node(String opType, List<String> inputs, int outputs, AttributeProto... attributes) {
        String name = fresh(opType);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs)
                .addAllAttribute(Arrays.asList(attributes));
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = outputs == 1 ? name : name + "_" + i;
            node.addOutput(names[i]);
        }
        graph.addNode(node);
        return names;
    }

    /** An integer attribute. */
    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A float attribute. */
    static AttributeProto attribute(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    /** A string attribute. */
    static AttributeProto attribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** An integer list attribute. */
    static AttributeProto attribute(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** The graph as built so far. */
    GraphProto build() {
        return graph.build();
    }

    private String tensor(String hint, int type, ByteBuffer bytes, int count, long... dims) {
        long size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (size != count) {
            throw new IllegalArgumentException(hint + ": shape " + Arrays.toString(dims) + " holds " + size
                    + " values, not " + count);
        }
        String name = fresh(hint);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private String fresh(String hint) {
        return hint + "_" + counter++;
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT)
                .setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
