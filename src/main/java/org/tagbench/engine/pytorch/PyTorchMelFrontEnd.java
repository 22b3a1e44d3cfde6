package org.tagbench.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.PadMode;
import org.tagbench.frontend.MelKernels;
import org.tagbench.frontend.MelSpectrogram;

/**
 * The mel front end as libtorch ops on the device of its manager, for signals of one length: every frame gathered
 * from the signal by one precomputed index (centre padding, reflected or zero, folded into it), the windowed DFT as a
 * matrix product with {@link MelKernels#dftBasis}, power, a matrix product with {@link MelKernels#melMatrix}, and
 * the log scaling (or with a trainable filterbank, and DFT basis, in their places). Same definitions as
 * {@link MelSpectrogram}, computed in float64 and returned in float32: a float32 DFT's rounding (~1e-6 of a frame's
 * amplitude) puts bands 80 dB below the loudest off by several 1e-3 dB, and the front ends must agree to 1e-3 dB.
 * Its constants live in the manager it was built with and go when that closes.
 */
final class PyTorchMelFrontEnd {
    private final FeatureConfig features;
    private final int samples;
    private final int frames;
    private final int bins;
    /** For each frame and sample in it, the index of the signal sample it reads; {@code samples} reads a zero. */
    private final NDArray frameIndex;
    private final boolean readsZeros;
    private final NDArray dftBasis;
    private final NDArray melMatrix;

    /** The front end of {@code features} for signals of {@code samples}, its constants made in {@code manager}. */
    PyTorchMelFrontEnd(FeatureConfig features, int samples, NDManager manager) {
        this.features = features;
        this.samples = samples;
        this.frames = new MelSpectrogram(features).frames(samples);
        if (frames < 1) {
            throw new IllegalArgumentException(samples + " samples are too short for one frame of n_fft "
                    + features.nFft());
        }
        this.bins = features.nFft() / 2 + 1;
        long[] index = frameIndex(features, samples, frames);
        this.readsZeros = Arrays.stream(index).anyMatch(i -> i == samples);
        this.frameIndex = manager.create(index, new Shape(frames, features.nFft()));
        this.dftBasis = manager.create(MelKernels.dftBasis(features));
        this.melMatrix = manager.create(MelKernels.melMatrix(features));
    }

    /**
     * Log-mel of a batch of signals {@code [batch, samples]}: {@code [batch, n_mels, frames]}, in the manager of
     * {@code signals}.
     */
    NDArray compute(NDArray signals) {
        NDArray power = power(framed(signals.toType(DataType.FLOAT64, false)).matMul(dftBasis));
        return scaled(mel(power, melMatrix, signals)).toType(DataType.FLOAT32, false);
    }

    /**
     * As {@link #compute(NDArray)}, with a trainable {@code filterbank} [n_mels, bins] (float32) in place of the
     * fixed one and, unless null, a trainable DFT {@code basis} [n_fft, 2 bins] (float32) in place of the fixed one.
     * The values are the fixed path's float64 computation through them; the gradient comes from the same log-mel
     * computed in float32 (from the constant float64 power spectrum when the basis is fixed), added as
     * t - stopGradient(t), which is exactly zero: DJL's toType cuts the autograd graph, so the float64 result cannot
     * carry the gradient itself. top_db's clamp passes its gradient as torch's maximum and max do.
     */
    NDArray compute(NDArray signals, NDArray filterbank, NDArray basis) {
        NDArray wide = signals.toType(DataType.FLOAT64, false);
        NDArray framed = framed(wide);
        NDArray power = power(framed.matMul(basis == null ? dftBasis : basis.toType(DataType.FLOAT64, false)));
        NDArray exact = scaled(mel(power, filterbank.toType(DataType.FLOAT64, false).transpose(), signals))
                .toType(DataType.FLOAT32, false);
        NDArray tracedPower = basis == null ? power.toType(DataType.FLOAT32, false)
                : power(framed.toType(DataType.FLOAT32, false).matMul(basis), Float.MIN_NORMAL);
        NDArray traced = scaled(mel(tracedPower, filterbank.transpose(), signals));
        return exact.add(traced.sub(traced.stopGradient()));
    }

    /** The frames of {@code signals} [batch, samples] in their type, [batch * frames, n_fft], padding folded in. */
    private NDArray framed(NDArray signals) {
        long batch = signals.getShape().get(0);
        if (signals.getShape().get(1) != samples) {
            throw new IllegalArgumentException("signals of " + signals.getShape().get(1) + " samples given to a front "
                    + "end for " + samples);
        }
        NDArray source = readsZeros ? NDArrays.concat(new NDList(signals,
                signals.getManager().zeros(new Shape(batch, 1), signals.getDataType(), signals.getDevice())), 1)
                : signals;
        // Advanced indexing: [batch, frames, n_fft], each frame read in one gather.
        return source.get(new NDIndex(":, {}", frameIndex)).reshape(batch * frames, features.nFft());
    }

    /** The power (or magnitude) spectra of DFT rows [rows, 2 bins] (real parts, then imaginary), [rows, bins]. */
    private NDArray power(NDArray spectrum) {
        return power(spectrum, 0);
    }

    /**
     * As {@link #power(NDArray)}, magnitudes taken of at least {@code floor}: a traced square root of an exact zero
     * (digital silence) has an infinite slope and would put NaN into the basis's gradient; below the floor the
     * gradient is 0, as DL4J's hand-written one is.
     */
    private NDArray power(NDArray spectrum, float floor) {
        NDArray real = spectrum.get(new NDIndex(":, :{}", bins));
        NDArray imaginary = spectrum.get(new NDIndex(":, {}:", bins));
        NDArray power = real.mul(real).add(imaginary.mul(imaginary));
        if (features.power() != 2.0) {
            // power 1, the only other one a config allows: magnitudes.
            power = (floor > 0 ? power.maximum(floor) : power).sqrt();
        }
        return power;
    }

    /** The mel bands of {@code power} through {@code bank} ([bins, n_mels], of power's type), [batch, n_mels, frames]. */
    private NDArray mel(NDArray power, NDArray bank, NDArray signals) {
        return power.matMul(bank).reshape(signals.getShape().get(0), frames, features.nMels()).transpose(0, 2, 1);
    }

    private NDArray scaled(NDArray mel) {
        AmplitudeScale scale = features.scale();
        if (scale == AmplitudeScale.LINEAR) {
            return mel;
        }
        if (scale == AmplitudeScale.LOG1P) {
            return mel.mul(features.log1pC()).add(1.0).log10();
        }
        double refDb = 10.0 * Math.log10(Math.max(features.amin(), features.ref()));
        NDArray db = mel.maximum(features.amin()).log10().mul(10.0).sub(refDb);
        if (features.topDb() == null) {
            return db;
        }
        // DJL's max takes one axis at a time.
        return db.maximum(db.max(new int[] {2}, true).max(new int[] {1}, true).sub(features.topDb()));
    }

    /**
     * Row t, column i: the signal sample that sample i of frame t reads, centre padding folded in as
     * {@link MelSpectrogram} pads (numpy's reflect, or zeros, which read index {@code samples}).
     */
    private static long[] frameIndex(FeatureConfig features, int samples, int frames) {
        int nFft = features.nFft();
        int shift = features.center() ? nFft / 2 : 0;
        boolean reflect = features.padMode() == PadMode.REFLECT && samples > 1;
        long[] index = new long[frames * nFft];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < nFft; i++) {
                int at = t * features.hopLength() + i - shift;
                boolean inside = at >= 0 && at < samples;
                index[t * nFft + i] = inside ? at : reflect ? MelKernels.reflect(at, samples) : samples;
            }
        }
        return index;
    }
}
