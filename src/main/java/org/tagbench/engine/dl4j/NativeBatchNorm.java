package org.tagbench.engine.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs DL4J's batch norm layers on ND4J's native {@code batchnorm} and {@code batchnorm_bp} ops. DL4J M2.1 reaches
 * those ops only through its oneDNN helper, which it never creates on ND4J M2.1 (it looks for a class ND4J renamed,
 * ../shared/notes/dl4j-m2.1.md), so every step ran its Java fallback, which computes the variance twice and copies
 * the normalised input: the native ops take 18-33% off the steps measured (docs/benchmarks.md, "DL4J native batch
 * norm"). Both paths feed the running statistics the biased batch variance, so {@link Dl4jNetwork}'s correction
 * holds for either.
 */
final class NativeBatchNorm {
    /** The layer's helper slot: package-private in DL4J and set only by its own constructor. */
    private static final HelperSlot HELPER = HelperSlot.of(BatchNormalization.class);

    private NativeBatchNorm() {
    }

    /**
     * Gives each batch norm layer of {@code layers} the native helper (for ND4J's CPU backend, {@link CpuHelpers}),
     * which hands anything but float32 back to DL4J's own path.
     */
    static void setInto(Layer[] layers) {
        for (Layer layer : layers) {
            if (layer instanceof BatchNormalization norm && norm.getHelper() == null) {
                HELPER.set(norm, new MKLDNNBatchNormHelper(DataType.FLOAT));
            }
        }
    }
}
