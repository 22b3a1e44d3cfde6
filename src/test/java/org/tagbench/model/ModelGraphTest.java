package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A model spec as a graph: the short-chunk ResNet's counts, FLOPs and maps equal those of the repo's network built
 * in plain PyTorch (scripts/shortchunk_res_golden.py), its shortcuts read the block inputs, a concat adds channels,
 * a chain stays a chain, and summaries show the graph.
 */
class ModelGraphTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shortChunkResCountsFlopsAndMapsAreTheReposNetworksInPyTorch() throws IOException {
        JsonNode cases;
        try (InputStream in = ModelGraphTest.class.getResourceAsStream("/model/shortchunk_res_golden.json")) {
            cases = JSON.readTree(in);
        }
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            int[] widths = IntStream.range(0, c.get("widths").size()).map(i -> c.get("widths").get(i).asInt())
                    .toArray();
            ModelSpec spec = Architecture.SHORTCHUNK_RES.spec(c.get("mels").asInt(), c.get("frames").asInt(),
                    c.get("tags").asInt(), widths);
            assertEquals(c.get("params").asLong(), spec.trainableParams(), c.toString());
            assertEquals(c.get("flops").asLong(), spec.flops(), c.toString());
            List<Shape> shapes = spec.shapes();
            List<JsonNode> maps = new ArrayList<>();
            c.get("maps").forEach(maps::add);
            List<Shape> blockOutputs = IntStream.range(0, shapes.size())
                    .filter(i -> spec.layers().get(i) instanceof Add).mapToObj(shapes::get).toList();
            assertEquals(maps.stream().map(m -> new Shape(m.get(0).asInt(), m.get(1).asInt(), m.get(2).asInt()))
                    .toList(), blockOutputs);
        }
    }

    @Test
    void eachResidualBlocksShortcutReadsTheBlocksInputAndItsAddBothPaths() {
        ModelSpec spec = Architecture.SHORTCHUNK_RES.spec(40, 30, 5, new int[] {3, 3, 4, 4, 4, 4, 6, 6});
        assertFalse(spec.isChain());
        // Node 0 is the spectrogram's batch norm; block b is nodes 1 + 4b (conv, conv, shortcut conv, add).
        for (int b = 0; b < 7; b++) {
            int first = 1 + 4 * b;
            assertEquals(List.of(first - 1), spec.inputs().get(first));
            assertEquals(List.of(first), spec.inputs().get(first + 1));
            assertEquals(List.of(first - 1), spec.inputs().get(first + 2), "the shortcut reads the block's input");
            assertEquals(List.of(first + 1, first + 2), spec.inputs().get(first + 3));
            assertEquals(new Add(true), spec.layers().get(first + 3));
        }
        assertEquals(spec.layers().size() - 2, spec.outputs().get("embedding"));
        assertEquals(spec.layers().size() - 1, spec.embeddingLayer());
    }

    @Test
    void theChoiNetworksStayChains() {
        for (Architecture arch : List.of(Architecture.K1C2, Architecture.K2C1, Architecture.K2C2,
                Architecture.CRNN)) {
            ModelSpec spec = arch.spec(96, 1366, 50, arch.layerWidths(new int[] {2, 3, 4, 5}));
            assertTrue(spec.isChain(), arch.configName());
            assertEquals(ModelSpec.chain(spec.layers().size()), spec.inputs());
            assertFalse(ModelSummary.table(spec).contains("from"), "a chain's table has no inputs column");
        }
    }

    @Test
    void aConcatJoinsBranchesAlongChannelsAndCountsBothBranches() {
        ConvBn wide = new ConvBn(1, 4, 3, 1, true);
        ConvBn narrow = new ConvBn(1, 2, 1, 2, false);
        // The 1x1 stride-2 branch leaves 5 x 4 of 9 x 7; the 3x3 stride-1 branch 9 x 7, so pool it by stride 2 too.
        ConvBn down = new ConvBn(4, 4, 3, 2, true);
        List<LayerSpec> layers = List.of(wide, down, narrow, new Concat(), new SigmoidOutput(6 * 5 * 4, 2));
        ModelSpec spec = new ModelSpec(Architecture.SHORTCHUNK_RES, 9, 7, 2, List.of(), layers,
                List.of(List.of(ModelSpec.INPUT), List.of(0), List.of(ModelSpec.INPUT), List.of(1, 2), List.of(3)));
        assertEquals(new Shape(6, 5, 4), spec.shapes().get(3));
        // 3x3x1x4 + 4 + 2x4, 3x3x4x4 + 4 + 2x4, 1x1x1x2 + 2 + 2x2, 120x2 + 2.
        assertEquals(48 + 156 + 8 + 242, spec.trainableParams());
        String table = ModelSummary.table(spec);
        assertTrue(table.contains("concat channels"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("  4 ") && l.endsWith("  2 + 3")), table);
        ObjectNode json = ModelSummary.json(spec);
        assertEquals("[1,2]", json.get("layers").get(3).get("inputs").toString());
        assertEquals("[-1]", json.get("layers").get(2).get("inputs").toString());
        assertEquals(3, json.get("outputs").get("embedding").asInt());
    }

    @Test
    void anAddOfUnequalShapesAndANodeReadingALaterOneAreRefused() {
        IllegalArgumentException unequal = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(
                Architecture.SHORTCHUNK_RES, 8, 8, 2, List.of(),
                List.of(new ConvBn(1, 2, 3, 2, true), new Add(false), new SigmoidOutput(32, 2)),
                List.of(List.of(ModelSpec.INPUT), List.of(ModelSpec.INPUT, 0), List.of(1))));
        assertEquals("add needs inputs of one shape, got [1 x 8 x 8, 2 x 4 x 4]", unequal.getMessage());
        IllegalArgumentException later = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(
                Architecture.SHORTCHUNK_RES, 8, 8, 2, List.of(),
                List.of(new SpectrogramBatchNorm(), new SigmoidOutput(64, 2)), List.of(List.of(1), List.of(0))));
        assertEquals("node 0 (bn over the spectrogram) reads node 1: expected the input (-1) or an earlier node",
                later.getMessage());
    }
}
