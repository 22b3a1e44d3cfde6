package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.data.DatasetException;
import org.tagbench.engine.Engine;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;

class PipelineBenchmarkTest {
    private static final FeatureConfig DEFAULTS = ConfigLoader.features(null, List.of());

    @TempDir
    Path dir;

    @Test
    void everyArchitectureAtTheBudgetOnTheCropsLogMel() {
        // 0.25 s at 12 kHz is 3000 samples: 1 + 3000 / 256 = 12 centred frames of 96 mel bands.
        List<ModelSpec> networks = PipelineBenchmark.networks(DEFAULTS, 0.25, 20_000);
        assertEquals(List.of(Architecture.values()), networks.stream().map(ModelSpec::arch).toList());
        for (ModelSpec network : networks) {
            // A waveform network eats the crop's 3000 samples.
            assertEquals(network.arch().eatsWaveform() ? 1 : 96, network.melBands());
            assertEquals(network.arch().eatsWaveform() ? 3000 : 12, network.frames());
            assertEquals(PipelineBenchmark.TAGS, network.tags());
            assertEquals(20_000, network.trainableParams(), 0.02 * 20_000, network.arch().configName());
        }
    }

    @Test
    void anUnreadableFileStopsItWithOneLineNamingTheFile() throws Exception {
        Path good = Path.of(PipelineBenchmarkTest.class.getResource("/audio/sine440.mp3").toURI());
        Path bad = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        PipelineBenchmark bench = new PipelineBenchmark(List.of(good, bad), DEFAULTS, 0.25, 2, 1, dir.resolve("cache"),
                List.of(), 1, Engine.named(EngineName.DL4J));
        StringWriter printed = new StringWriter();
        DatasetException e = assertThrows(DatasetException.class, () -> bench.run(new PrintWriter(printed)));
        assertEquals("cannot benchmark the pipeline on unreadable audio: " + bad
                + ": not a readable audio file (Invalid data found when processing input)", e.getMessage());
        assertTrue(printed.toString().isEmpty(), printed.toString());
    }
}
