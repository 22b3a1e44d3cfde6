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
 * filterbank (or a trainable one, with its gradient), and log scaling. Same definitions as {@link MelSpectrogram}, computed in float64 and returned in
 * float32: a float32 DFT's rounding (~1e-6 of a frame's amplitude) puts bands 80 dB below the loudest off by
 * several 1e-3 dB, and the front ends must agree to 1e-3 dB.
 */
public final class DeviceMelSpectrogram {
    private final FeatureConfig features;
    private final int bins;
    private final INDArray dftKernels;
    private final INDArray melTransposed;

    /** Builds the DFT kernels and the filterbank, in float64, for these settings. */
    public DeviceMelSpectrogram(FeatureConfig features) {
        this.features = features;
        int nFft = features.nFft();
        this.bins = nFft / 2 + 1;
        // Layout [kernel width, in channels = 1, out channels = 2 * bins], ND4J's conv1d weight order.
        this.dftKernels = Nd4j.create(MelKernels.dftBasis(features)).reshape('c', nFft, 1, 2L * bins);
        this.melTransposed = Nd4j.create(MelKernels.melMatrix(features));
    }

    /**
     * Log-mel of a batch of equal-length signals {@code [batch, samples]}: {@code [batch, n_mels, frames]}, in
     * float32.
     */
    public INDArray compute(INDArray signals) {
        return logMel(powerRows(signals).mmul(melTransposed), signals.size(0));
    }

    /**
     * As {@link #compute(INDArray)}, with a trainable {@code filterbank} [n_mels, bins] in place of the fixed one:
     * its float32 values are widened into the float64 product, so the log scaling keeps the fixed path's precision.
     */
    public INDArray compute(INDArray signals, INDArray filterbank) {
        return logMel(powerRows(signals).mmul(widened(filterbank)), signals.size(0));
    }

    /**
     * The gradient, float64 [n_mels, bins], of the sum of {@code upstream} (the loss's gradient by the log-mel,
     * [batch, 1, n_mels, frames]) times {@link #compute(INDArray, INDArray)} by the filterbank: each band's slope of
     * the log scaling at its mel value times the power spectra, summed over examples and frames. Not for
     * {@code top_db}, which the config refuses with a trainable filterbank.
     */
    public INDArray filterbankGradient(INDArray signals, INDArray filterbank, INDArray upstream) {
        INDArray power = powerRows(signals);
        INDArray mel = power.mmul(widened(filterbank));
        long batch = signals.size(0);
        long frames = mel.size(0) / batch;
        INDArray byMel = upstream.castTo(DataType.DOUBLE).dup('c').reshape(batch, features.nMels(), frames)
                .permute(0, 2, 1).dup('c').reshape(batch * frames, features.nMels()).muli(scaleSlope(mel));
        return byMel.transpose().mmul(power);
    }

    private static INDArray widened(INDArray filterbank) {
        return filterbank.castTo(DataType.DOUBLE).transpose();
    }

    /** The power (or magnitude) spectra of a batch, float64 [batch * frames, bins], each signal's frames in a row. */
    private INDArray powerRows(INDArray signals) {
        INDArray padded = padded(signals.castTo(DataType.DOUBLE));
        INDArray spectrum = features.nFft() % features.hopLength() == 0 ? framedDft(padded) : convolvedDft(padded);
        long batch = padded.size(0);
        INDArray real = spectrum.get(NDArrayIndex.all(), NDArrayIndex.interval(0, bins), NDArrayIndex.all());
        INDArray imaginary = spectrum.get(NDArrayIndex.all(), NDArrayIndex.interval(bins, 2 * bins),
                NDArrayIndex.all());
        INDArray power = real.mul(real).addi(imaginary.mul(imaginary));
        if (features.power() != 2.0) {
            power = Transforms.pow(power, features.power() / 2.0, false);
        }
        long frames = power.size(2);
        return power.permute(0, 2, 1).dup('c').reshape(batch * frames, bins);
    }

    /** Mel rows [batch * frames, n_mels] as the log-scaled [batch, n_mels, frames], in float32. */
    private INDArray logMel(INDArray melRows, long batch) {
        long frames = melRows.size(0) / batch;
        INDArray mel = melRows.reshape(batch, frames, features.nMels()).permute(0, 2, 1).dup('c');
        return scaled(mel).castTo(DataType.FLOAT);
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

    /**
     * The DFT as one matrix product: when the hop divides n_fft every frame is n_fft/hop consecutive hop-sized
     * blocks, so frames are views of the padded signal concatenated, not gathered sample by sample.
     */
    private INDArray framedDft(INDArray padded) {
        int hop = features.hopLength();
        int blocksPerFrame = features.nFft() / hop;
        long batch = padded.size(0);
        long frames = 1 + (padded.size(1) - features.nFft()) / hop;
        long blocks = frames + blocksPerFrame - 1;
        INDArray blocked = padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, blocks * hop)).dup('c')
                .reshape(batch, blocks, hop);
        INDArray[] shifted = new INDArray[blocksPerFrame];
        for (int j = 0; j < blocksPerFrame; j++) {
            shifted[j] = blocked.get(NDArrayIndex.all(), NDArrayIndex.interval(j, j + frames), NDArrayIndex.all());
        }
        INDArray framed = Nd4j.concat(2, shifted).reshape(batch * frames, features.nFft());
        return framed.mmul(dftKernels.reshape(features.nFft(), 2L * bins)).reshape(batch, frames, 2L * bins)
                .permute(0, 2, 1);
    }

    /** The DFT as a strided 1-D convolution with the basis as kernels, for any hop. */
    private INDArray convolvedDft(INDArray padded) {
        return Nd4j.cnn().conv1d(padded.reshape(padded.size(0), 1, padded.size(1)), dftKernels,
                Conv1DConfig.builder().k(features.nFft()).s(features.hopLength()).p(0).d(1)
                        .paddingMode(PaddingMode.VALID).dataFormat("NCW").build());
    }

    private INDArray scaled(INDArray mel) {
        AmplitudeScale scale = features.scale();
        if (scale == AmplitudeScale.LINEAR) {
            return mel;
        }
        if (scale == AmplitudeScale.LOG1P) {
            return Transforms.log(mel.muli(features.log1pC()).addi(1.0), 10, false);
        }
        double refDb = 10.0 * Math.log10(Math.max(features.amin(), features.ref()));
        INDArray db = Transforms.log(Transforms.max(mel, features.amin(), false), 10, false).muli(10.0).subi(refDb);
        if (features.topDb() == null) {
            return db;
        }
        INDArray floor = db.max(1, 2).subi(features.topDb()).reshape(db.size(0), 1, 1);
        return Transforms.max(db, floor.broadcast(db.shape()), false);
    }

    /** Centre padding of n_fft/2 each side: reflected (numpy's "reflect", repeated as needed) or zeros. */
    private INDArray padded(INDArray signals) {
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
