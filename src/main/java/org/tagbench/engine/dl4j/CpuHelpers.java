package org.tagbench.engine.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer helpers tagbench gives DL4J networks on ND4J's CPU backend, where they were measured faster: native batch
 * norm and the contiguous convolution. A GPU build keeps DL4J's own choice.
 */
final class CpuHelpers {
    private static final boolean CPU =
            "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));

    private CpuHelpers() {
    }

    /** Gives the layers of a built or read network their helpers, on the CPU backend only. */
    static void setInto(Layer[] layers) {
        if (CPU) {
            NativeBatchNorm.setInto(layers);
            ContiguousConvolution.setInto(layers);
        }
    }
}
