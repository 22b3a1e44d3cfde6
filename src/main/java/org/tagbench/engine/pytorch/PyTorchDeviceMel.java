package org.tagbench.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.tagbench.config.FeatureConfig;
import org.tagbench.engine.DeviceMel;

/** {@link PyTorchMelFrontEnd} over a batch of signals held as one libtorch array on the engine's default device. */
final class PyTorchDeviceMel implements DeviceMel {
    private final NDManager manager;
    private final PyTorchMelFrontEnd frontEnd;
    private final NDArray signals;

    /** Copies {@code signals}, [rows][samples], to the device once, for log-mels of {@code features}. */
    PyTorchDeviceMel(FeatureConfig features, float[][] signals) {
        this.manager = Libtorch.engine().newBaseManager();
        try {
            this.frontEnd = new PyTorchMelFrontEnd(features, signals[0].length, manager);
            this.signals = manager.create(signals);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** libtorch and the device it computes on, e.g. {@code libtorch cpu()}. */
    @Override
    public String library() {
        return "libtorch " + manager.getDevice();
    }

    @Override
    public float[][] compute() {
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            // The arithmetic lands in the manager of the signals: attached to the scope, it is freed with it.
            scope.tempAttachAll(signals);
            NDArray mel = frontEnd.compute(signals);
            int rows = Math.toIntExact(mel.getShape().get(0));
            float[] flat = mel.toFloatArray();
            int size = flat.length / rows;
            float[][] out = new float[rows][size];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * size, out[r], 0, size);
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
