package org.tagbench.engine.dl4j;

import org.tagbench.frontend.MelKernels;
import org.tagbench.frontend.MelSpectrogram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.PadMode;

/**
 * The mel front end as plain ND4J ops, so it runs on whatever backend is active and can sit inside a network:
 * centre padding by index gather, the windowed DFT as a matrix product of frames with the basis (cosine rows,
 * then sine rows; a strided 1-D convolution when the hop does not divide n_fft), power, a matrix product with the mel
 * filterbank, and log scaling. Same definitions as {@link MelSpectrogram}, computed in float64 and returned in
 * float32: a float32 DFT's rounding (~1e-6 of a frame's amplitude) puts bands 80 dB below the loudest off by several
 * 1e-3 dB, and the front ends must agree to 1e-3 dB. A trainable front end passes its own filterbank (and DFT basis),
 * and gets their gradients from {@link #gradients}, written out by hand: ND4J's ops here keep no graph.
 */
public final class DeviceMelSpectrogram {
    private final FeatureConfig features;
    private final int bins;
    private final INDArray dftBasis;
    private final INDArray melTransposed;

    /**
     * The gradients of a trainable front end's arrays, float64 in their layout shapes; {@code dftBasis} null if
     * fixed.
     */
    public record Gradients(INDArray filterbank, INDArray dftBasis) {
    }

    /** Builds the DFT basis and the filterbank, in float64, for these settings. */
    public DeviceMelSpectrogram(FeatureConfig features) {
        this.features = features;
        this.bins = features.nFft() / 2 + 1;
        this.dftBasis = Nd4j.create(MelKernels.dftBasis(features));
        this.melTransposed = Nd4j.create(MelKernels.melMatrix(features));
    }

    /**
     * Log-mel of a batch of equal-length signals {@code [batch, samples]}: {@code [batch, n_mels, frames]}, in
     * float32.
     */
    public INDArray compute(INDArray signals) {
        return logMel(power(spectrumRows(padded(signals), dftBasis)).mmul(melTransposed), signals.size(0));
    }

    /**
     * As {@link #compute(INDArray)}, with a trainable {@code filterbank} [n_mels, bins] in place of the fixed one and,
     * unless null, a trainable {@code basis} [n_fft, 2 bins] in place of the DFT's: their float32 values are widened
     * into the float64 products, so the log scaling keeps the fixed path's precision.
     */
    public INDArray compute(INDArray signals, INDArray filterbank, INDArray basis) {
        INDArray spectrum = spectrumRows(padded(signals), basis == null ? dftBasis : widened(basis));
        return logMel(power(spectrum).mmul(widened(filterbank).transpose()), signals.size(0));
    }

    /**
     * The gradients, by the filterbank and (unless {@code basis} is null) by the DFT basis, of the sum of
     * {@code upstream} (the loss's gradient by the log-mel, [batch, 1, n_mels, frames]) times
     * {@link #compute(INDArray, INDArray, INDArray)}: through the top_db clamp (an example's values below its maximum
     * minus top_db take the maximum's gradient, as torch's maximum and amax pass it), the log scaling's slope, the
     * filterbank product, the power and the framed DFT, summed over examples and frames.
     */
    public Gradients gradients(INDArray signals, INDArray filterbank, INDArray basis, INDArray upstream) {
        INDArray padded = padded(signals);
        INDArray frames = basis == null ? null : framed(padded);
        INDArray spectrum = basis == null ? spectrumRows(padded, dftBasis) : frames.mmul(widened(basis));
        INDArray power = power(spectrum);
        INDArray bank = widened(filterbank);
        INDArray mel = power.mmul(bank.transpose());
        long batch = signals.size(0);
        long frameCount = mel.size(0) / batch;
        INDArray byLogMel = upstream.castTo(DataType.DOUBLE).dup('c').reshape(batch, features.nMels(), frameCount)
                .permute(0, 2, 1).dup('c').reshape(batch * frameCount, features.nMels());
        INDArray byMel = throughTopDb(byLogMel, mel, batch).muli(scaleSlope(mel));
        INDArray byBank = byMel.transpose().mmul(power);
        if (basis == null) {
            return new Gradients(byBank, null);
        }
        INDArray byPower = byMel.mmul(bank);
        INDArray real = spectrum.get(NDArrayIndex.all(), NDArrayIndex.interval(0, bins));
        INDArray imaginary = spectrum.get(NDArrayIndex.all(), NDArrayIndex.interval(bins, 2 * bins));
        // d(re^2 + im^2) = 2 re dre + 2 im dim; for magnitudes, d|X| = (re dre + im dim) / |X| (0 where |X| is 0).
        INDArray perPart = features.power() == 2.0 ? byPower.mul(2.0)
                : byPower.div(Transforms.max(power, Double.MIN_NORMAL, true)).muli(power.gt(0).castTo(DataType.DOUBLE));
        INDArray bySpectrum = Nd4j.hstack(real.mul(perPart), imaginary.mul(perPart));
        return new Gradients(byBank, frames.transpose().mmul(bySpectrum));
    }

    private static INDArray widened(INDArray array) {
        return array.castTo(DataType.DOUBLE);
    }

    /** The power (or magnitude) spectra of spectrum rows [rows, 2 bins] (real parts, then imaginary), [rows, bins]. */
    private INDArray power(INDArray spectrum) {
        INDArray real = spectrum.get(NDArrayIndex.all(), NDArrayIndex.interval(0, bins));
        INDArray imaginary = spectrum.get(NDArrayIndex.all(), NDArrayIndex.interval(bins, 2 * bins));
        INDArray power = real.mul(real).addi(imaginary.mul(imaginary));
        return features.power() == 2.0 ? power : Transforms.pow(power, features.power() / 2.0, false);
    }

    /**
     * The DFT of every frame of float64 padded signals through {@code basis} [n_fft, 2 bins], [batch * frames, 2 bins],
     * each signal's frames in a row: one matrix product of the frames when the hop divides n_fft, else a strided 1-D
     * convolution with the basis as kernels (no frame matrix gathered).
     */
    private INDArray spectrumRows(INDArray padded, INDArray basis) {
        if (features.nFft() % features.hopLength() == 0) {
            return framed(padded).mmul(basis);
        }
        INDArray kernels = basis.reshape('c', features.nFft(), 1, 2L * bins);
        INDArray spectrum = Nd4j.cnn().conv1d(padded.reshape(padded.size(0), 1, padded.size(1)), kernels,
                Conv1DConfig.builder().k(features.nFft()).s(features.hopLength()).p(0).d(1)
                        .paddingMode(PaddingMode.VALID).dataFormat("NCW").build());
        long frames = spectrum.size(2);
        return spectrum.permute(0, 2, 1).dup('c').reshape(padded.size(0) * frames, 2L * bins);
    }

    /** Mel rows [batch * frames, n_mels] as the log-scaled [batch, n_mels, frames], in float32. */
    private INDArray logMel(INDArray melRows, long batch) {
        long frames = melRows.size(0) / batch;
        INDArray mel = melRows.reshape(batch, frames, features.nMels()).permute(0, 2, 1).dup('c');
        return scaled(mel).castTo(DataType.FLOAT);
    }

    /**
     * The gradient by the dB values before the top_db clamp, given {@code byLogMel} by the values after it (mel rows,
     * [batch * frames, n_mels]): unchanged without top_db or dB. With it, a value above its example's floor (maximum
     * minus top_db) keeps its own gradient; one below passes its gradient to the example's maximum (the first, if
     * several tie), whose value the floor follows; one exactly at the floor splits it half and half, as torch's
     * maximum does at a tie.
     */
    private INDArray throughTopDb(INDArray byLogMel, INDArray mel, long batch) {
        if (features.topDb() == null || features.scale() != AmplitudeScale.DB) {
            return byLogMel;
        }
        INDArray db = decibels(mel).reshape(batch, mel.length() / batch);
        INDArray upstream = byLogMel.reshape(batch, mel.length() / batch);
        INDArray floor = db.max(1).subi(features.topDb()).reshape(batch, 1).broadcast(db.shape());
        INDArray kept = db.gt(floor).castTo(DataType.DOUBLE).addi(db.eq(floor).castTo(DataType.DOUBLE).muli(0.5));
        INDArray toMaximum = upstream.mul(kept.rsub(1.0)).sum(1);
        INDArray out = upstream.mul(kept);
        INDArray maxima = Nd4j.argMax(db, 1);
        for (int e = 0; e < batch; e++) {
            long at = maxima.getLong(e);
            out.putScalar(e, at, out.getDouble(e, at) + toMaximum.getDouble(e));
        }
        return out.reshape(mel.shape());
    }

    /** The derivative of the log scaling at each mel value (none below amin, where the scaling is flat). */
    private INDArray scaleSlope(INDArray mel) {
        double ln10 = Math.log(10.0);
        return switch (features.scale()) {
            case LINEAR -> Nd4j.onesLike(mel);
            case LOG1P -> mel.mul(features.log1pC()).addi(1.0).rdivi(features.log1pC() / ln10);
            case DB -> Transforms.max(mel, features.amin(), true).rdivi(10.0 / ln10)
                    .muli(mel.gt(features.amin()).castTo(DataType.DOUBLE));
        };
    }

    /** 10 log10(max(mel, amin)) - 10 log10(max(amin, ref)), in a new array of mel's shape. */
    private INDArray decibels(INDArray mel) {
        double refDb = 10.0 * Math.log10(Math.max(features.amin(), features.ref()));
        return Transforms.log(Transforms.max(mel, features.amin(), true), 10, false).muli(10.0).subi(refDb);
    }

    /**
     * The frames of float64 padded signals, [batch * frames, n_fft]: when the hop divides n_fft every frame is
     * n_fft/hop consecutive hop-sized blocks, so frames are views of the padded signal concatenated, not gathered
     * sample by sample; otherwise each frame is sliced out.
     */
    private INDArray framed(INDArray padded) {
        int hop = features.hopLength();
        int nFft = features.nFft();
        long batch = padded.size(0);
        long frames = 1 + (padded.size(1) - nFft) / hop;
        if (nFft % hop != 0) {
            INDArray[] each = new INDArray[(int) frames];
            for (int t = 0; t < frames; t++) {
                each[t] = padded.get(NDArrayIndex.all(), NDArrayIndex.interval((long) t * hop, (long) t * hop + nFft));
            }
            return Nd4j.stack(1, each).reshape(batch * frames, nFft);
        }
        int blocksPerFrame = nFft / hop;
        long blocks = frames + blocksPerFrame - 1;
        INDArray blocked = padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, blocks * hop)).dup('c')
                .reshape(batch, blocks, hop);
        INDArray[] shifted = new INDArray[blocksPerFrame];
        for (int j = 0; j < blocksPerFrame; j++) {
            shifted[j] = blocked.get(NDArrayIndex.all(), NDArrayIndex.interval(j, j + frames), NDArrayIndex.all());
        }
        return Nd4j.concat(2, shifted).reshape(batch * frames, nFft);
    }

    private INDArray scaled(INDArray mel) {
        AmplitudeScale scale = features.scale();
        if (scale == AmplitudeScale.LINEAR) {
            return mel;
        }
        if (scale == AmplitudeScale.LOG1P) {
            return Transforms.log(mel.muli(features.log1pC()).addi(1.0), 10, false);
        }
        INDArray db = decibels(mel);
        if (features.topDb() == null) {
            return db;
        }
        INDArray floor = db.max(1, 2).subi(features.topDb()).reshape(db.size(0), 1, 1);
        return Transforms.max(db, floor.broadcast(db.shape()), false);
    }

    /**
     * The signals in float64 with centre padding of n_fft/2 each side: reflected (numpy's "reflect", repeated as
     * needed) or zeros.
     */
    private INDArray padded(INDArray raw) {
        INDArray signals = raw.castTo(DataType.DOUBLE);
        if (!features.center()) {
            return signals;
        }
        int pad = features.nFft() / 2;
        int length = (int) signals.size(1);
        if (features.padMode() == PadMode.CONSTANT || length == 1) {
            return Nd4j.pad(signals, new int[][] {{0, 0}, {pad, pad}});
        }
        // Only the 2 x pad reflected columns are gathered; the signal itself is copied whole.
        int[] left = new int[pad];
        int[] right = new int[pad];
        for (int i = 0; i < pad; i++) {
            left[i] = MelKernels.reflect(i - pad, length);
            right[i] = MelKernels.reflect(length + i, length);
        }
        return Nd4j.hstack(signals.getColumns(left), signals, signals.getColumns(right));
    }
}
