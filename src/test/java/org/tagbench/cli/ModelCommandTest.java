package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;

class ModelCommandTest {

    @Test
    void jsonSummaryOfGivenWidthsHasTheSpecsCountsAndShapes() throws Exception {
        CommandRun run = CommandRun.of("model", "summary", "--arch", "crnn", "--widths", "96,195,195,195,96,96",
                "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        ModelSpec spec = Architecture.CRNN.spec(96, 1366, 50, new int[] {96, 195, 195, 195, 96, 96});
        assertEquals("crnn", json.get("arch").asText());
        assertEquals(List.of(96, 195, 195, 195, 96, 96),
                new ObjectMapper().convertValue(json.get("widths"), List.class));
        // Table 1's CRNN at 1M, counted with two GRU biases per gate (docs/architectures.md).
        assertEquals(1_003_823, json.get("params").asLong());
        assertEquals(spec.flops(), json.get("flops").asLong());
        JsonNode layers = json.get("layers");
        assertEquals(spec.layers().size(), layers.size());
        assertEquals("[1,96,1440]", layers.get(0).get("output").toString(), "zero-padded to 1440 frames");
        assertEquals("[195,1,15]", layers.get(8).get("output").toString(), "15 steps of 195 features");
        assertEquals("ConvBlock", layers.get(2).get("kind").asText());
        assertEquals("{\"inChannels\":1,\"outChannels\":96,\"kernelHeight\":3,\"kernelWidth\":3,"
                + "\"frequencyPadding\":\"SAME\",\"poolHeight\":2,\"poolWidth\":2,\"activation\":\"ELU\"}",
                layers.get(2).get("config").toString());
        assertEquals("Gru", layers.get(10).get("kind").asText());
        assertEquals("{\"in\":195,\"units\":96,\"returnSequences\":true}", layers.get(10).get("config").toString());
        assertEquals("{\"left\":37,\"right\":37}", layers.get(0).get("config").toString());
    }

    @Test
    void tableSummaryOfABudgetSolvesWidthsForTheGivenInput() {
        CommandRun run = CommandRun.of("model", "summary", "--arch", "conv1d", "--params", "50k", "--input", "96x141",
                "--tags", "10");
        assertEquals(0, run.code(), run.err());
        ModelSpec spec = org.tagbench.model.WidthSolver.solve(Architecture.K1C2, 50_000, 96, 141, 10);
        String[] lines = run.out().strip().split("\n");
        assertEquals("k1c2  input 1 x 96 x 141  tags 10  widths " + spec.widths(), lines[0]);
        assertEquals(2 + spec.layers().size() + 1, lines.length);
        assertTrue(lines[lines.length - 1].startsWith(String.format("trainable parameters %,d  FLOPs per clip %,d",
                spec.trainableParams(), spec.flops())), lines[lines.length - 1]);
    }

    @Test
    void aBudgetOptionReadsWhatTheConfigReads(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "data: {dataset: synthetic}\nmodel: {arch: k2c2}\n");
        long configured = ConfigLoader.load(config, List.of("model.params=1e12")).model().params();

        CommandRun run = CommandRun.of("model", "summary", "--arch", "k2c2", "--params", "1e12", "--json");

        assertEquals(0, run.code(), run.err());
        long params = new ObjectMapper().readTree(run.out()).get("params").asLong();
        assertEquals(1_000_000_000_000L, configured);
        assertEquals(WidthSolver.solve(Architecture.K2C2, configured, 96, 1366, 50).trainableParams(), params);
        assertTrue(Math.abs(params - 1e12) <= 0.02 * 1e12, params + " parameters");
    }

    /**
     * Without --input a summary is of the input a run of the architecture's own defaults eats: fcn's 29 s at 16 kHz,
     * hop 256, centred (464,000 / 256 + 1 frames), the short-chunk networks' 59,049 samples (59,049 / 256 + 1),
     * samplecnn's 59,049 samples themselves, bilstm-attn's 5 s at 12 kHz (60,000 / 256 + 1); Choi's four their
     * paper's 96 x 1366.
     */
    @ParameterizedTest
    @CsvSource({"fcn, 96, 1813", "shortchunk, 128, 231", "shortchunk-res, 128, 231", "samplecnn, 1, 59049",
            "bilstm-attn, 96, 235", "k2c2, 96, 1366", "crnn, 96, 1366"})
    void withoutAnInputTheArchitecturesOwnIsSummarised(String arch, int mels, int frames) throws Exception {
        CommandRun run = CommandRun.of("model", "summary", "--arch", arch, "--params", "100k", "--tags", "10",
                "--json");

        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("[" + mels + "," + frames + "]", json.get("input").toString());
        assertEquals(WidthSolver.solve(Architecture.byName(arch).orElseThrow(), 100_000, mels, frames, 10)
                .trainableParams(), json.get("params").asLong());
    }

    @Test
    void wrongWidthsAndInputsAreOneLineErrors() {
        CommandRun widths = CommandRun.of("model", "summary", "--arch", "k2c2", "--widths", "1,2,3");
        assertEquals(2, widths.code());
        assertEquals("config error: --widths: k2c2 takes 5 positive widths (conv1, conv2, conv3, conv4, conv5), got [1, 2, 3]",
                widths.err().strip());
        CommandRun input = CommandRun.of("model", "summary", "--arch", "k2c2", "--params", "1M", "--input", "96by10");
        assertEquals(2, input.code());
        assertEquals("config error: --input: 96by10 is not an input size (expected MELSxFRAMES, e.g. 96x1366)", input.err().strip());
        CommandRun both = CommandRun.of("model", "summary", "--arch", "k2c2");
        assertEquals(2, both.code());
    }
}
