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
 * FCN, the short-chunk CNN and musicnn against the sota-music-tagging-models repo's classes, built in PyTorch by
 * scripts/sota_golden.py at the repo's widths and inputs (musicnn at both of its sizes): equal trainable counts, block
 * outputs and arrays; and scaled by the width solver at the repo's inputs.
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
            "shortchunk, 100000", "shortchunk, 500000", "shortchunk, 1000000", "shortchunk, 3687348",
            "musicnn, 100000", "musicnn, 500000", "musicnn, 1000000", "musicnn, 784300", "musicnn, 7972000"})
    void theSolverReachesEveryBudgetAtTheReposInputWithinTwoPercent(String arch, long budget) {
        Architecture architecture = Architecture.byName(arch).orElseThrow();
        int[] input = switch (architecture) {
            case FCN -> new int[] {96, 1813};
            case MUSICNN -> new int[] {96, 188};
            default -> new int[] {128, 231};
        };
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
        List<Integer> musicnn = WidthSolver.solve(Architecture.MUSICNN, 1_000_000, 96, 188, 50).widths();
        assertEquals(musicnn.get(0), musicnn.get(1));
        assertEquals(List.of(musicnn.get(2), musicnn.get(2)), musicnn.subList(3, 5));
        assertEquals(51 / 204.0, musicnn.get(2) / (double) musicnn.get(0), 0.02);
        assertEquals(64 / 204.0, musicnn.get(5) / (double) musicnn.get(0), 0.02);
        assertEquals(200 / 204.0, musicnn.get(6) / (double) musicnn.get(0), 0.02);
    }

    @Test
    void musicnnHasTheReposBranchesMidEndAndPooling() {
        ModelSpec spec = Architecture.MUSICNN.spec(96, 188, 50, new int[] {204, 204, 51, 51, 51, 64, 200});
        List<ConvBlock> timbral = spec.layersOf(ConvBlock.class);
        // The repo's int(0.7 * 96) and int(0.4 * 96) bands high, 7 frames wide, max over the bands left.
        assertEquals(List.of(67, 38), timbral.stream().map(ConvBlock::kernelHeight).toList());
        assertEquals(List.of(30, 59), timbral.stream().map(ConvBlock::poolHeight).toList());
        assertEquals(List.of(129, 65, 33, 7, 7, 7), spec.layersOf(Conv1dBlock.class).stream()
                .map(Conv1dBlock::kernel).toList());
        List<Shape> shapes = spec.shapes();
        List<Shape> concats = IntStream.range(0, spec.layers().size())
                .filter(i -> spec.layers().get(i) instanceof Concat).mapToObj(shapes::get).toList();
        // 2 x 204 + 3 x 51 = 561 channels; with the mid end's 3 x 64, 753; max and mean over time, 1,506.
        assertEquals(List.of(new Shape(561, 1, 188), new Shape(753, 1, 188), new Shape(1506, 1, 1)), concats);
        assertEquals(List.of(List.of(9, 8), List.of(11, 10)), IntStream.range(0, spec.layers().size())
                .filter(i -> spec.layers().get(i) instanceof Add).mapToObj(i -> spec.inputs().get(i)).toList());
        assertEquals(List.of(new AveragePool(96, 1), new AveragePool(1, 188)), spec.layersOf(AveragePool.class));
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
