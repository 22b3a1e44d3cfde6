package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's Table 1 widths (per group, as in the paper: e.g. k2c2 conv1 / conv2-3 / conv4 / conv5) on its
 * 96 x 1366 input with 50 tags, against the same networks built in PyTorch by scripts/table1_golden.py: equal
 * trainable counts and equal trainable arrays (state_dict names and shapes). The CRNN's counts carry 6 x gru more
 * than Keras's single-bias GRU would, because tagbench's GRU, like PyTorch's, has two biases per gate.
 */
class Table1Test {

    static Stream<Arguments> table1() throws IOException {
        try (InputStream in = Table1Test.class.getResourceAsStream("/model/table1-golden.json")) {
            return StreamSupport.stream(new ObjectMapper().readTree(in).spliterator(), false)
                    .map(row -> Arguments.of(row.get("arch").asText(), row.get("budget").asLong(), row))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("table1")
    void tableOneNetworksHaveThePyTorchCountsAndArrays(String arch, long budget, JsonNode row) {
        ModelSpec spec = tableOne(arch, row.get("groups"));

        assertEquals(row.get("params").asLong(), spec.trainableParams());
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        row.get("arrays").fields().forEachRemaining(e -> expected.put(e.getKey(), ints(e.getValue())));
        Map<String, List<Integer>> actual = new LinkedHashMap<>();
        WeightLayout.of(spec).stream().filter(WeightSlot::trainable)
                .forEach(slot -> actual.put(slot.name(), Arrays.stream(slot.shape()).boxed().toList()));
        assertEquals(expected, actual);
    }

    /**
     * Table 1's k2c1, k2c2 and CRNN widths are within 2% of their budgets; k1c2's miss it from 0.25M up under any
     * reading (docs/architectures.md), and only its 0.1M widths meet it.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("table1")
    void tableOneWidthsAreWithinTwoPercentOfTheirBudgetExceptK1c2sFrom250k(String arch, long budget, JsonNode row) {
        double error = (tableOne(arch, row.get("groups")).trainableParams() - budget) / (double) budget;

        boolean expectedWithin = !arch.equals("k1c2") || budget < 250_000;
        assertEquals(expectedWithin, Math.abs(error) <= WidthSolver.TOLERANCE, arch + " at " + budget + ": " + error);
    }

    private static ModelSpec tableOne(String name, JsonNode groups) {
        Architecture arch = Architecture.byName(name).orElseThrow();
        int[] groupWidths = ints(groups).stream().mapToInt(Integer::intValue).toArray();
        return arch.spec(96, 1366, 50, arch.layerWidths(groupWidths));
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
