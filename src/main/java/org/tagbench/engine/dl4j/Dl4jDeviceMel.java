package org.tagbench.engine.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.config.FeatureConfig;
import org.tagbench.engine.DeviceMel;

/** {@link DeviceMelSpectrogram} over a batch of signals held as one ND4J array. */
final class Dl4jDeviceMel implements DeviceMel {
    private final DeviceMelSpectrogram spectrogram;
    private final INDArray signals;

    /** Copies {@code signals}, [rows][samples], to ND4J once, for log-mels of {@code features}. */
    Dl4jDeviceMel(FeatureConfig features, float[][] signals) {
        this.spectrogram = new DeviceMelSpectrogram(features);
        this.signals = Nd4j.create(signals);
    }

    @Override
    public String library() {
        return "ND4J";
    }

    @Override
    public float[][] compute() {
        INDArray mel = spectrogram.compute(signals);
        float[][] rows = new float[(int) mel.size(0)][];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = mel.slice(row).dup('c').data().asFloat();
        }
        return rows;
    }

    @Override
    public void close() {
        signals.close();
    }
}
