package org.tagbench.export;

import static org.tagbench.export.OnnxGraph.attribute;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.PadMode;
import org.tagbench.frontend.MelKernels;
import org.tagbench.frontend.MelSpectrogram;

/**
 * The log-mel front end as ONNX ops in float64 (a float32 DFT is off by ~1e-3 dB in quiet bands; the log-mel is
 * rounded to float32 at the end, as the CPU path rounds it), from the same kernels as the engines' in-network front
 * ends ({@link MelKernels}) and with the same definitions as the CPU {@link MelSpectrogram}: centre padding (the
 * reflected edges gathered by index, or zeros), framing by strided slices, the windowed DFT as one MatMul with
 * the model's own basis, power, its own mel filterbank as a constant MatMul (either as trained when the front end
 * trains), and the dB (with top_db per example), log1p or linear scale. ONNX's MelWeightMatrix op is not used: it
 * is HTK-only with unnormalised triangles.
 */
final class OnnxFrontEnd {
    private static final double LN_10 = Math.log(10.0);

    private final OnnxGraph graph;
    private final FeatureConfig features;
    /** The DFT basis as the constant MatMul takes it, [n_fft][2 bins]. */
    private final double[][] dftBasis;
    /** The filterbank as the constant MatMul takes it, [bins][n_mels]. */
    private final double[][] melMatrix;
    private final int samples;

    private OnnxFrontEnd(OnnxGraph graph, FeatureConfig features, double[][] dftBasis, double[][] melMatrix,
                         int samples) {
        this.graph = graph;
        this.features = features;
        this.dftBasis = dftBasis;
        this.melMatrix = melMatrix;
        this.samples = samples;
    }

    /**
     * Adds the front end of {@code features} with the DFT basis {@code dftBasis} ([n_fft][2 bins]) and the filterbank
     * {@code melMatrix} ([bins][n_mels]), each the settings' own or a trained one, on {@code audio}, [batch, samples]
     * float32 mono waveforms, to {@code graph}; returns the name of the log-mel, [batch, n_mels, frames] as the CPU
     * path lays it out.
     */
    static String add(OnnxGraph graph, FeatureConfig features, double[][] dftBasis, double[][] melMatrix, int samples,
                      String audio) {
        MelSpectrogram cpu = new MelSpectrogram(features);
        if (cpu.frames(samples) == 0) {
            throw new IllegalArgumentException("a chunk of " + samples + " samples is shorter than n_fft "
                    + features.nFft() + " with center=false: no frame fits");
        }
        return new OnnxFrontEnd(graph, features, dftBasis, melMatrix, samples).logMel(audio, cpu.frames(samples));
    }

    private String logMel(String audio, int frames) {
        int bins = features.nFft() / 2 + 1;
        String framed = frames(padded(graph.cast(audio, true)), frames);
        String spectrum = graph.node("MatMul", List.of(framed,
                graph.doubles("dft_basis", flat(dftBasis), features.nFft(), 2L * bins)));
        String real = slice(spectrum, 2, 0, bins, 1);
        String imaginary = slice(spectrum, 2, bins, 2L * bins, 1);
        String power = graph.node("Add", List.of(graph.node("Mul", List.of(real, real)),
                graph.node("Mul", List.of(imaginary, imaginary))));
        if (features.power() == 1.0) {
            power = graph.node("Sqrt", List.of(power));
        }
        String mel = graph.node("MatMul", List.of(power,
                graph.doubles("mel_filterbank", flat(melMatrix), bins, features.nMels())));
        String logMel = graph.cast(scaled(mel), false);
        return graph.node("Transpose", List.of(logMel), attribute("perm", new long[] {0, 2, 1}));
    }

    /** Centre padding of n_fft/2 each side: numpy's "reflect" (repeated as needed) gathered by index, or zeros. */
    private String padded(String audio) {
        if (!features.center()) {
            return audio;
        }
        int pad = features.nFft() / 2;
        if (features.padMode() == PadMode.CONSTANT || samples == 1) {
            return graph.node("Pad", List.of(audio, graph.longs("pads", 0, pad, 0, pad)),
                    attribute("mode", "constant"));
        }
        long[] left = new long[pad];
        long[] right = new long[pad];
        for (int i = 0; i < pad; i++) {
            left[i] = MelKernels.reflect(i - pad, samples);
            right[i] = MelKernels.reflect(samples + i, samples);
        }
        String before = graph.node("Gather", List.of(audio, graph.longs("reflect_left", left)),
                attribute("axis", 1));
        String after = graph.node("Gather", List.of(audio, graph.longs("reflect_right", right)),
                attribute("axis", 1));
        return graph.node("Concat", List.of(before, audio, after), attribute("axis", 1));
    }

    /**
     * [batch, frames, n_fft] frames of the padded signal, without an index table: with g = gcd(hop, n_fft) the
     * signal is cut into blocks of g samples, frame t is blocks t·hop/g .. t·hop/g + n_fft/g - 1, so block j of
     * every frame is one strided slice, and the n_fft/g slices are concatenated.
     */
    private String frames(String padded, int frames) {
        int hop = features.hopLength();
        int nFft = features.nFft();
        int g = BigInteger.valueOf(hop).gcd(BigInteger.valueOf(nFft)).intValueExact();
        int stride = hop / g;
        long used = (long) (frames - 1) * hop + nFft;
        String blocks = graph.node("Reshape", List.of(slice(padded, 1, 0, used, 1),
                graph.longs("block_shape", 0, used / g, g)));
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < nFft / g; j++) {
            parts.add(slice(blocks, 1, j, j + (long) (frames - 1) * stride + 1, stride));
        }
        return parts.size() == 1 ? parts.get(0) : graph.node("Concat", parts, attribute("axis", 2));
    }

    /** Mel energies on the configured scale: as is, log10(1 + C·x), or power_to_db with top_db per example. */
    private String scaled(String mel) {
        AmplitudeScale scale = features.scale();
        if (scale == AmplitudeScale.LINEAR) {
            return mel;
        }
        if (scale == AmplitudeScale.LOG1P) {
            String shifted = graph.node("Add", List.of(graph.node("Mul", List.of(mel,
                    scalar("log1p_c", features.log1pC()))), scalar("one", 1.0)));
            return graph.node("Mul", List.of(graph.node("Log", List.of(shifted)), scalar("log10_e", 1 / LN_10)));
        }
        double refDb = 10.0 * Math.log10(Math.max(features.amin(), features.ref()));
        String floored = graph.node("Max", List.of(mel, scalar("amin", features.amin())));
        String db = graph.node("Sub", List.of(graph.node("Mul", List.of(graph.node("Log", List.of(floored)),
                scalar("ten_log10_e", 10 / LN_10))), scalar("ref_db", refDb)));
        if (features.topDb() == null) {
            return db;
        }
        String loudest = graph.node("ReduceMax", List.of(db), attribute("axes", new long[] {1, 2}),
                attribute("keepdims", 1));
        String floor = graph.node("Sub", List.of(loudest, scalar("top_db", features.topDb())));
        return graph.node("Max", List.of(db, floor));
    }

    private String scalar(String hint, double value) {
        return graph.doubles(hint, new double[] {value});
    }

    private String slice(String input, long axis, long start, long end, long step) {
        return graph.node("Slice", List.of(input, graph.longs("starts", start), graph.longs("ends", end),
                graph.longs("axes", axis), graph.longs("steps", step)));
    }

    private static double[] flat(double[][] matrix) {
        int columns = matrix[0].length;
        double[] out = new double[matrix.length * columns];
        for (int i = 0; i < matrix.length; i++) {
            System.arraycopy(matrix[i], 0, out, i * columns, columns);
        }
        return out;
    }
}
