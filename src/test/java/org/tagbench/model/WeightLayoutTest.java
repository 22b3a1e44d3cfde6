package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightLayoutTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"k1c2,100000", "k2c1,1000000", "k2c2,250000", "crnn,3000000"})
    void trainableArraysHoldExactlyTheSpecsParameters(String arch, long budget) {
        ModelSpec spec = WidthSolver.solve(Architecture.byName(arch).orElseThrow(), budget, 96, 1366, 50);
        List<WeightSlot> layout = WeightLayout.of(spec);

        assertEquals(spec.trainableParams(), layout.stream().filter(WeightSlot::trainable)
                .mapToLong(WeightSlot::size).sum());
        assertEquals(layout.size(), new HashSet<>(layout.stream().map(WeightSlot::name).toList()).size());
    }

    @Test
    void aCrnnsArraysAreNamedAndShapedAsPyTorchsStateDict() {
        // 63 frames padded to 66 for time pools 2, 3, 1, 1 (at least 8 GRU steps): layers 0 pad, 1 bn, 2-9 four
        // convolutions with dropout, 10-11 GRUs, 12 dropout, 13 output.
        ModelSpec spec = Architecture.CRNN.spec(16, 63, 3, new int[] {4, 5, 6, 7, 8, 9});
        List<WeightSlot> layout = WeightLayout.of(spec);
        List<String> names = layout.stream().map(WeightSlot::name).toList();

        assertEquals(List.of("layers.1.weight", "layers.1.bias", "layers.1.running_mean", "layers.1.running_var",
                "layers.2.conv.weight", "layers.2.conv.bias", "layers.2.bn.weight", "layers.2.bn.bias",
                "layers.2.bn.running_mean", "layers.2.bn.running_var"), names.subList(0, 10));
        assertArrayEquals(new int[] {66}, layout.get(0).shape());
        assertArrayEquals(new int[] {4, 1, 3, 3}, layout.get(4).shape());
        int gru = names.indexOf("layers.10.weight_ih");
        assertEquals(List.of("layers.10.weight_ih", "layers.10.weight_hh", "layers.10.bias_ih", "layers.10.bias_hh",
                "layers.11.weight_ih", "layers.11.weight_hh", "layers.11.bias_ih", "layers.11.bias_hh",
                "layers.13.linear.weight", "layers.13.linear.bias"), names.subList(gru, names.size()));
        // The GRU reads 7 channels x 1 band per step (16 bands pooled by 2, 3, 2, 1).
        assertArrayEquals(new int[] {24, 7}, layout.get(gru).shape());
        assertArrayEquals(new int[] {24, 8}, layout.get(gru + 1).shape());
        assertArrayEquals(new int[] {27, 8}, layout.get(gru + 4).shape());
        assertArrayEquals(new int[] {3, 9}, layout.get(gru + 8).shape());
    }
}
