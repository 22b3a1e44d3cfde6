package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
' * Finite differences against backprop, in double precision, for every parameter (GRUs, and the bidirectional
 * LSTM with attention pooling of bilstm-attn). DL4J M2.1's SameDiff layers
 * return gradients (and the epsilon passed down) exactly twice too large: these checks fail by a factor of 2
 * (4 for stacked GRUs) without the correction in {@link CorrectedSameDiffLayer}.
 */
class GruGradientCheckTest {
    private static final int BATCH = 3;
    private static final int TAGS = 2;
    private static final int SAMPLES_PER_ARRAY = 6;
    private static DataType savedDefault;
    private static DataType savedFloatingDefault;

    /** GradientCheckUtil insists on double as ND4J's global default; other tests get the previous default back. */
    @BeforeAll
    static void useDoubleByDefault() {
        savedDefault = Nd4j.dataType();
        savedFloatingDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restoreDefault() {
        Nd4j.setDefaultDataTypes(savedDefault, savedFloatingDefault);
    }

    @Test
    void oneGru() {
        Nd4j.getRandom().setSeed(1);
        MultiLayerNetwork network = GruNetworks.grusWithOutput(2, 3, TAGS, 3);
        assertTrue(check(network, Nd4j.randn(DataType.DOUBLE, BATCH, 2, 3), false));
    }

    @Test
    void twoStackedGrus() {
        Nd4j.getRandom().setSeed(2);
        MultiLayerNetwork network = GruNetworks.grusWithOutput(2, 3, TAGS, 3, 4);
        assertTrue(check(network, Nd4j.randn(DataType.DOUBLE, BATCH, 2, 3), true));
    }

    @Test
    void bidirectionalLstmWithAttentionPooling() {
        Nd4j.getRandom().setSeed(4);
        MultiLayerNetwork network = GruNetworks.lstmWithAttention(2, 4, TAGS, 3);
        assertTrue(check(network, Nd4j.randn(DataType.DOUBLE, BATCH, 2, 4), false));
    }

    @Test
    void smallCrnnWithBatchNormalization() {
        Nd4j.getRandom().setSeed(3);
        MultiLayerNetwork network = GruNetworks.init(GruNetworks.crnn(TAGS, new NoOp(), DataType.DOUBLE));
        INDArray input = Nd4j.randn(DataType.DOUBLE, BATCH, 1, GruNetworks.MELS, GruNetworks.FRAMES);
        assertTrue(check(network, input, true));
    }

    /**
     * Checks every parameter, or (to keep the test quick: each perturbation is a full forward pass) an evenly
     * spaced sample of each parameter array. Batch normalization's running statistics are not trained by gradient
     * and are left out, as in DL4J's own gradient checks.
     */
    private static boolean check(MultiLayerNetwork network, INDArray input, boolean sample) {
        INDArray labels = Nd4j.rand(DataType.DOUBLE, BATCH, TAGS).gt(0.5).castTo(DataType.DOUBLE);
        Set<String> runningStats = network.paramTable().keySet().stream()
                .filter(k -> k.endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || k.endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || k.endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                .collect(Collectors.toSet());
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(network)
                .input(input)
                .labels(labels)
                .epsilon(1e-6)
                .maxRelError(1e-6)
                .minAbsoluteError(1e-9)
                .subset(sample)
                .maxPerParam(SAMPLES_PER_ARRAY)
                .excludeParams(runningStats));
    }
}
