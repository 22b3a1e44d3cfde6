package org.tagbench.engine.dl4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution with its patch matrix laid out per example in the order the matrix products read it
 * ([channels x kernel, output positions], Caffe's layout), so that im2col writes and the output comes out contiguous.
 * DL4J M2.1's own path writes the columns through a permuted view, which costs more than the products (zeroing and
 * writing it was 21% of a samplecnn step); ND4J's native {@code conv2d_bp} made steps slower (session 13). The forward
 * pass keeps its columns for the backward pass, as DL4J's forward cache does. The same im2col and col2im ops as
 * DL4J's, one OpenBLAS product per example: 13-39% off DL4J training steps (docs/benchmarks.md, "DL4J contiguous
 * convolution").
 */
final class ContiguousConvolution implements ConvolutionHelper {
    private static final HelperSlot HELPER = HelperSlot.of(ConvolutionLayer.class);

    /** The input of the last training forward pass and its columns, which the backward pass of that input reuses. */
    private INDArray columnsOf;
    private INDArray columns;

    /**
     * Gives each plain convolution layer of {@code layers} with a bias (every one tagbench builds) this helper (for
     * ND4J's CPU backend, {@link CpuHelpers}); subclasses (1D, depthwise, ...) keep DL4J's path.
     */
    static void setInto(Layer[] layers) {
        for (Layer layer : layers) {
            if (layer.getClass() == ConvolutionLayer.class && layer.getHelper() == null
                    && ((ConvolutionLayer) layer).hasBias()) {
                HELPER.set(layer, new ContiguousConvolution());
            }
        }
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo,
                              ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, format)) {
            return null;
        }
        Geometry g = Geometry.of(input, weights, kernel, strides, pad, convolutionMode, dilation);
        boolean training = workspaceMgr.hasConfiguration(ArrayType.FF_CACHE)
                && workspaceMgr.isWorkspaceOpen(ArrayType.FF_CACHE);
        INDArray patches;
        if (training) {
            try (MemoryWorkspace cache = workspaceMgr.notifyScopeBorrowed(ArrayType.FF_CACHE)) {
                patches = g.columns(input);
            }
            columnsOf = input;
            columns = patches;
        } else {
            patches = g.columns(input);
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {g.batch, g.outChannels, g.outHeight, g.outWidth}, 'c');
        int o = (int) g.outChannels;
        int k = (int) g.patchLength();
        int n = (int) g.positions();
        FloatPointer w = pointer(rowMajor(weights));
        FloatPointer columnsOfExample = pointer(patches);
        FloatPointer outputOfExample = pointer(z);
        for (int b = 0; b < g.batch; b++) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, o, n, k, 1f, w, k, columnsOfExample, n, 0f,
                    outputOfExample, n);
            columnsOfExample.position(columnsOfExample.position() + (long) k * n);
            outputOfExample.position(outputOfExample.position() + (long) o * n);
        }
        Nd4j.getExecutioner().exec(new BroadcastAddOp(z, bias.reshape(g.outChannels), z, 1));
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn,
                                                     AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo,
                                                     BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, format)) {
            return null;
        }
        Geometry g = Geometry.of(input, weights, kernel, strides, pad, convolutionMode, dilation);
        INDArray patches = input == columnsOf ? columns : g.columns(input);
        columnsOf = null;
        columns = null;
        INDArray outputGradient = rowMajor(delta);
        INDArray kernelGradient = rowMajor(weightGradView);
        INDArray patchGradient = Nd4j.createUninitialized(input.dataType(),
                new long[] {g.batch, g.patchLength(), g.positions()}, 'c');
        int o = (int) g.outChannels;
        int k = (int) g.patchLength();
        int n = (int) g.positions();
        FloatPointer w = pointer(rowMajor(weights));
        FloatPointer w2 = pointer(kernelGradient);
        FloatPointer gradientOfExample = pointer(outputGradient);
        FloatPointer columnsOfExample = pointer(patches);
        FloatPointer columnGradientOfExample = pointer(patchGradient);
        for (int b = 0; b < g.batch; b++) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, o, k, n, 1f, gradientOfExample, n,
                    columnsOfExample, n, b == 0 ? 0f : 1f, w2, k);
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, n, o, 1f, w, k, gradientOfExample, n, 0f,
                    columnGradientOfExample, n);
            gradientOfExample.position(gradientOfExample.position() + (long) o * n);
            columnsOfExample.position(columnsOfExample.position() + (long) k * n);
            columnGradientOfExample.position(columnGradientOfExample.position() + (long) k * n);
        }
        if (kernelGradient != weightGradView) {
            weightGradView.assign(kernelGradient);
        }
        biasGradView.assign(outputGradient.reshape('c', g.batch, g.outChannels, g.positions()).sum(0, 2)
                .reshape(biasGradView.shape()));
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        // DL4J's backward pass calls col2im with the input's height and width where the signature says kernel.
        Convolution.col2im(g.sixDimensional(patchGradient), inputGradient, g.strides[0], g.strides[1], g.pad[0],
                g.pad[1], (int) input.size(2), (int) input.size(3), g.dilation[0], g.dilation[1]);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        return new Pair<>(gradient, inputGradient);
    }

    /** Hands the activation back to the layer. */
    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return null;
    }

    /** Float NCHW only: anything else goes back to DL4J's path (a null answer). */
    private static boolean handles(INDArray input, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.dataType() == DataType.FLOAT;
    }

    /**
     * {@code array} if its elements lie in row-major order without gaps, else a row-major copy. ND4J's own test
     * ({@code Shape.hasDefaultStridesForShape}) refuses the stride it gives the unit dimension of 1 x k weights.
     */
    private static INDArray rowMajor(INDArray array) {
        long expected = 1;
        for (int d = array.rank() - 1; d >= 0; d--) {
            if (array.size(d) != 1 && array.stride(d) != expected) {
                return array.dup('c');
            }
            expected *= array.size(d);
        }
        return array;
    }

    /**
     * The first element of a row-major {@code array} for OpenBLAS, which ND4J's CPU backend itself calls: a product
     * per example through ND4J's {@code Mmul} op costs 40-90 us of overhead, more than a small layer's product.
     */
    private static FloatPointer pointer(INDArray array) {
        // A view's buffer is itself a view: its address is already that of the element at the buffer's offset.
        long start = array.offset() - array.data().offset();
        if (start < 0 || start + array.length() > array.data().length()) {
            throw new IllegalStateException("array " + array.shapeInfoToString() + " overruns its buffer (offset "
                    + array.data().offset() + ", length " + array.data().length() + ")");
        }
        return new FloatPointer((FloatPointer) array.data().addressPointer()).position(start);
    }

    /** One call's sizes and padding, as DL4J's own path computes them. */
    private record Geometry(long batch, long inChannels, long outChannels, int kernelHeight, int kernelWidth,
                            int outHeight, int outWidth, int[] strides, int[] pad, int[] dilation, boolean same) {
        /** {@code pad} is what DL4J passes its helper: for Same mode already the top-left padding. */
        static Geometry of(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
                           ConvolutionMode mode, int[] dilation) {
            boolean same = mode == ConvolutionMode.Same;
            int[] out = ConvolutionUtils.getOutputSize(input, kernel, strides, same ? null : pad, mode, dilation,
                    CNN2DFormat.NCHW);
            return new Geometry(input.size(0), weights.size(1), weights.size(0), kernel[0], kernel[1], out[0], out[1],
                    strides, pad, dilation, same);
        }

        long positions() {
            return (long) outHeight * outWidth;
        }

        long patchLength() {
            return inChannels * kernelHeight * kernelWidth;
        }

        /** The im2col of {@code input}, {@code [batch, in x kH x kW, outH x outW]}, allocated in the open scope. */
        INDArray columns(INDArray input) {
            INDArray columns = Nd4j.createUninitialized(input.dataType(), new long[] {batch, patchLength(), positions()},
                    'c');
            Convolution.im2col(input, kernelHeight, kernelWidth, strides[0], strides[1], pad[0], pad[1], dilation[0],
                    dilation[1], same, sixDimensional(columns));
            return columns;
        }

        /** Columns as im2col's {@code [batch, in, kH, kW, outH, outW]}: the same memory. */
        INDArray sixDimensional(INDArray columns) {
            return columns.reshape('c', batch, inChannels, kernelHeight, kernelWidth, outHeight, outWidth);
        }
    }
}
