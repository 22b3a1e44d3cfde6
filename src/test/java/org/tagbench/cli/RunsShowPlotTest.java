package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.export.ModelBundle;
import org.tagbench.experiment.TinyRun;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;

/**
 * A tiny run with {@code features.trainable: true} end to end: its record counts the filterbank (40 mels x 129 bins
 * on top of the spec's parameters), its best model holds a filterbank that moved, the bundle's weights.npz carries it
 * as {@value FrontEndWeights#MEL_FILTERBANK}, and {@code runs show ID --plot} draws it before and after into the run
 * folder: two 620 x 420 panels at twice the size; a run that trained its DFT basis too gets the basis's figure as
 * well. For a run whose filterbank stayed fixed, {@code --plot} is one line naming it.
 */
class RunsShowPlotTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatTrainedItsFilterbankIsCountedExportedAndPlotted() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        Path config = TinyRun.config(dir, "trainable", 24, 3,
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40, frontend: network,"
                        + " trainable: true}",
                "training: {batch_size: 4, max_epochs: 2}", "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("results") + ", url: \"" + url + "\"}");
        CommandRun run = CommandRun.of("run", config.toString());
        assertEquals(0, run.code(), run.err());
        CommandRun listed = CommandRun.of("runs", "--json", "--url", url);
        JsonNode runs = new ObjectMapper().readTree(listed.out());
        assertEquals(1, runs.size(), listed.out());
        String id = runs.get(0).get("id").asText();
        Path folder;
        try (Stream<Path> folders = Files.list(dir.resolve("results"))) {
            folder = folders.filter(Files::isDirectory).filter(p -> p.getFileName().toString().contains("trainable"))
                    .findFirst().orElseThrow();
        }

        RunRecord record = RunRecordFile.read(folder.resolve(RunRecordFile.FILE_NAME));
        ModelBundle bundle = ModelBundle.fromRun(folder);
        assertEquals(bundle.spec().trainableParams() + 40 * 129, record.model().params());
        WeightArray trained = bundle.weights().get(FrontEndWeights.MEL_FILTERBANK);
        assertFalse(Arrays.equals(FrontEndWeights.initialFilterbank(bundle.features()).values(), trained.values()),
                "training moved the filterbank");
        bundle.write(dir.resolve("bundle"));
        assertEquals(trained, ModelBundle.read(dir.resolve("bundle")).weights().get(FrontEndWeights.MEL_FILTERBANK));

        CommandRun shown = CommandRun.of("runs", "show", id, "--plot", "--url", url);

        assertEquals(0, shown.code(), shown.err());
        Path png = folder.resolve("filterbank/filterbank.png");
        assertTrue(shown.out().contains("plotted " + png), shown.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(List.of(2 * 2 * 620, 2 * 420), List.of(image.getWidth(), image.getHeight()));
        assertTrue(Files.isRegularFile(folder.resolve("filterbank/filterbank.svg")));

        // With the DFT basis trained as well, both figures.
        assertEquals(0, CommandRun.of("run", config.toString(), "--set", "features.trainable_dft=true").code());
        CommandRun both = CommandRun.of("runs", "show", "2", "--plot", "--url", url);
        assertEquals(0, both.code(), both.err());
        List<String> plotted = both.out().lines().filter(l -> l.startsWith("plotted ")).toList();
        assertEquals(2, plotted.size(), both.out());
        Path dftPng = Path.of(plotted.get(1).substring("plotted ".length()));
        assertEquals("dft_basis/dft_basis.png", dftPng.getParent().getFileName() + "/" + dftPng.getFileName());
        BufferedImage basis = ImageIO.read(dftPng.toFile());
        assertEquals(List.of(2 * 2 * 620, 2 * 420), List.of(basis.getWidth(), basis.getHeight()));
        assertTrue(Files.isRegularFile(dftPng.resolveSibling("dft_basis.svg")));

        // A run whose filterbank stayed fixed has nothing to plot: one line naming --plot.
        assertEquals(0, CommandRun.of("run", config.toString(), "--set", "features.trainable=false").code());
        CommandRun fixed = CommandRun.of("runs", "show", "3", "--plot", "--url", url);
        assertEquals(2, fixed.code());
        assertEquals("config error: --plot: run 3 trained no filterbank (features.trainable is not true), so there is"
                + " nothing to plot", fixed.err().strip());
    }
}
