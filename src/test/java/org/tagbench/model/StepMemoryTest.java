package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepMemoryTest {

    @Test
    void weightsCountFourCopiesAndActivationsWhatTheForwardPassKeeps() {
        // crnn on 4 x 16 with widths 1,2,2,2,3,3 (the maps of ModelSpecTest): per example, the input batch norm
        // keeps 1x4x16; each conv block its convolved map three times (conv, bn, elu) and its pooled output; each
        // dropout its output; each GRU 3 gates x 3 units x 8 steps and its output; the sigmoid its 2 outputs.
        ModelSpec spec = Architecture.CRNN.spec(4, 16, 2, new int[] {1, 2, 2, 2, 3, 3});
        long batchNorm = 64;
        long conv1 = 3 * 64 + 16;
        long conv2 = 3 * (2 * 2 * 8) + 16;
        long conv3 = 3 * 16 + 16;
        long conv4 = 3 * 16 + 16;
        long dropouts = 4 * 16 + 3;
        long gru1 = 3 * 3 * 8 + 24;
        long gru2 = 3 * 3 * 8 + 3;
        long output = 2;
        long values = batchNorm + conv1 + conv2 + conv3 + conv4 + dropouts + gru1 + gru2 + output;

        StepMemory memory = StepMemory.of(spec, 5);

        assertEquals(295, spec.trainableParams());
        assertEquals(4.0 * 4 * 295, memory.weightBytes());
        assertEquals(4.0 * 5 * values, memory.activationBytes());
        assertEquals(memory.weightBytes() + memory.activationBytes(), memory.totalBytes());
    }

    @Test
    void aWaveformNetworksConvolutionBlocksCountTheirMapsAsTheMelOnesDo() {
        // samplecnn on 27 samples, widths 1,1,1,2,...,2,3,3: the strided conv1 makes 9 frames (pool 1), conv2 and
        // conv3 pool by 3 to 3 and 1, the rest pool by 1; each block keeps its convolved map three times and its
        // output, the dropout its 3 values and the sigmoid its 2.
        ModelSpec spec = Architecture.SAMPLECNN.spec(1, 27, 2, new int[] {1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3});
        long conv1 = 3 * 9 + 9;
        long conv2 = 3 * 9 + 3;
        long conv3 = 3 * 3 + 1;
        long conv4To9 = 6 * (3 * 2 + 2);
        long conv10And11 = 2 * (3 * 3 + 3);
        long values = conv1 + conv2 + conv3 + conv4To9 + conv10And11 + 3 + 2;

        StepMemory memory = StepMemory.of(spec, 16);

        // 3 taps x in x out + 3 x out per block, then the output layer's 3 x 2 + 2.
        assertEquals(6 + 6 + 6 + 12 + 5 * 18 + 27 + 18 + 8, spec.trainableParams());
        assertEquals(4.0 * 4 * spec.trainableParams(), memory.weightBytes());
        assertEquals(4.0 * 16 * values, memory.activationBytes());
    }

    /** The rows of docs/benchmarks.md's engine table at batch 16: the estimate stays below Python PyTorch's peak. */
    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @CsvSource({
        "k1c2, 100000, 96, 141, 99405, 0.38",
        "k1c2, 1000000, 96, 141, 1005714, 0.61",
        "k2c1, 100000, 96, 141, 100520, 0.28",
        "k2c1, 1000000, 96, 141, 998764, 0.31",
        "k2c2, 100000, 96, 141, 100113, 0.43",
        "k2c2, 1000000, 96, 141, 998582, 0.60",
        "crnn, 100000, 96, 141, 100145, 0.51",
        "crnn, 1000000, 96, 141, 997207, 0.93",
        "k1c2, 100000, 96, 1366, 98392, 1.18",
        "k1c2, 1000000, 96, 1366, 1008164, 2.45",
        "k2c1, 100000, 96, 1366, 100245, 0.46",
        "k2c1, 1000000, 96, 1366, 1001214, 0.57",
        "k2c2, 100000, 96, 1366, 99935, 1.22",
        "k2c2, 1000000, 96, 1366, 999161, 2.94",
        "crnn, 100000, 96, 1366, 100190, 1.99",
        "crnn, 1000000, 96, 1366, 999799, 5.62",
    })
    void theEstimateIsAFloorUnderMeasuredPeaks(String arch, long budget, int mels, int frames, long params,
                                               double peakGb) {
        ModelSpec spec = WidthSolver.solve(Architecture.byName(arch).orElseThrow(), budget, mels, frames, 50);
        assertEquals(params, spec.trainableParams(), "the network docs/benchmarks.md measured");

        double estimateGb = StepMemory.of(spec, 16).totalBytes() / 1e9;

        assertTrue(estimateGb < peakGb, estimateGb + " GB");
    }

    @Test
    void aStepBeyondTheMachineIsRefusedNamingBudgetEstimateAndMemory() {
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, 1_000_000_000_000L, 96, 1366, 50);
        StepMemory memory = StepMemory.of(spec, 16);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> memory.requireWithin(24_000_000_000L, 1_000_000_000_000L, 16));

        assertTrue(e.getMessage().matches("a budget of 1,000,000,000,000 parameters needs about [0-9,]+\\.[0-9] GB to "
                + "train at batch 16 \\(16,000\\.0 GB for the weights, their gradients and Adam's moments, "
                + "[0-9,]+\\.[0-9] GB for a step's activations\\), more than this machine's 24\\.0 GB of memory "
                + "\\(expected a smaller budget or batch size\\)"),
                e.getMessage());
        memory.requireWithin(Long.MAX_VALUE, 1_000_000_000_000L, 16);
    }
}
