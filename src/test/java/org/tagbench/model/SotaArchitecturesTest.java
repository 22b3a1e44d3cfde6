package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FCN and the short-chunk CNN against the sota-music-tagging-models repo's classes, built in PyTorch by
 * scripts/sota_golden.py at the repo's widths and inputs: equal trainable counts, block outputs and arrays; and
 * scaled by the width solver at the repo's inputs.
 */
class SotaArchitecturesTest {

    static Stream<Arguments> golden() throws IOException {
        try (InputStream in = SotaArchitecturesTest.class.getResourceAsStream("/model/sota-golden.json")) {
            return StreamSupport.stream(new ObjectMapper().readTree(in).spliterator(), false)
                    .map(row -> Arguments.of(row.get("arch").asText(), row)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void theReposWidthsGiveTheReposCountBlockOutputsAndArrays(String arch, JsonNode row) {
        ModelSpec spec = Architecture.byName(arch).orElseThrow().spec(row.get("input").get(0).asInt(),
                row.get("input").get(1).asInt(), row.get("tags").asInt(), ints(row.get("widths")));

        assertEquals(row.get("params").asLong(), spec.trainableParams());
        List<Shape> shapes = spec.shapes();
        List<List<Integer>> blockOutputs = IntStream.range(0, spec.layers().size())
                .filter(i -> spec.layers().get(i) instanceof ConvBlock)
                .mapToObj(i -> List.of(shapes.get(i).channels(), shapes.get(i).height(), shapes.get(i).width()))
                .toList();
        assertEquals(lists(row.get("block_outputs")), blockOutputs);
        List<List<Integer>> arrays = WeightLayout.of(spec).stream().filter(WeightSlot::trainable)
                .map(slot -> Arrays.stream(slot.shape()).boxed().toList()).toList();
        assertEquals(lists(row.get("arrays")), arrays);
    }

    @ParameterizedTest(name = "{0} at {1} parameters")
    @CsvSource({"fcn, 100000", "fcn, 500000", "fcn, 1000000", "fcn, 447732", "fcn, 3000000",
            "shortchunk, 100000", "shortchunk, 500000", "shortchunk, 1000000", "shortchunk, 3687348"})
    void theSolverReachesEveryBudgetAtTheReposInputWithinTwoPercent(String arch, long budget) {
        Architecture architecture = Architecture.byName(arch).orElseThrow();
        int[] input = architecture == Architecture.FCN ? new int[] {96, 1813} : new int[] {128, 231};
        ModelSpec spec = WidthSolver.solve(architecture, budget, input[0], input[1], 50);

        assertTrue(Math.abs(spec.trainableParams() - budget) <= WidthSolver.TOLERANCE * budget,
                spec.trainableParams() + " for " + budget);
    }

    @Test
    void widthsScaleByTheReposRatios() {
        List<Integer> fcn = WidthSolver.solve(Architecture.FCN, 1_000_000, 96, 1813, 50).widths();
        assertEquals(fcn.get(0), fcn.get(4));
        assertEquals(List.of(fcn.get(1), fcn.get(1)), fcn.subList(2, 4));
        assertEquals(2.0, fcn.get(1) / (double) fcn.get(0), 0.05);
        List<Integer> chunk = WidthSolver.solve(Architecture.SHORTCHUNK, 1_000_000, 128, 231, 50).widths();
        assertEquals(chunk.get(0), chunk.get(1));
        assertEquals(List.of(chunk.get(2), chunk.get(2), chunk.get(2)), chunk.subList(3, 6));
        assertEquals(chunk.get(6), chunk.get(7));
        assertEquals(2.0, chunk.get(2) / (double) chunk.get(0), 0.05);
        assertEquals(4.0, chunk.get(6) / (double) chunk.get(0), 0.05);
    }

    @Test
    void theShortChunkCnnLeavesOneBandOnFewerBandsAndTakesTheMaxOverLongerInputs() {
        ModelSpec spec = Architecture.SHORTCHUNK.spec(96, 1366, 10, new int[] {4, 4, 8, 8, 8, 8, 16, 16});
        TimeMaxPool pool = spec.layersOf(TimeMaxPool.class).get(0);
        // 1366 frames halved seven times (rounding down) leave 10, which the max over time takes in one window.
        assertEquals(10, pool.frames());
        Shape pooled = spec.shapes().get(spec.layers().indexOf(pool));
        assertEquals(new Shape(16, 1, 1), pooled);
    }

    @Test
    void theSummaryListsTheSpectrogramNormReluBlocksAndTheMaxOverTime() {
        ModelSpec spec = Architecture.SHORTCHUNK.spec(128, 231, 50, new int[] {4, 4, 8, 8, 8, 8, 16, 16});
        List<String> layers = ModelSummary.rows(spec).stream().map(ModelSummary.Row::layer).toList();
        assertEquals(List.of("bn over the spectrogram", "conv 3x3 same, bn, relu, maxpool 2x2",
                "conv 3x3 same, bn, relu, maxpool 2x2", "conv 3x3 same, bn, relu, maxpool 2x2",
                "conv 3x3 same, bn, relu, maxpool 2x2", "conv 3x3 same, bn, relu, maxpool 2x2",
                "conv 3x3 same, bn, relu, maxpool 2x2", "conv 3x3 same, bn, relu, maxpool 2x2", "max over time",
                "dense, bn, relu", "dropout 0.5", "dense, sigmoid"), layers);
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static List<List<Integer>> lists(JsonNode arrays) {
        return StreamSupport.stream(arrays.spliterator(), false)
                .map(a -> Arrays.stream(ints(a)).boxed().toList()).toList();
    }
}
