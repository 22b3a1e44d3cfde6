package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtendsTest extends ConfigFolderTest {
    @Test
    void extendingFileWinsKeyByKey() {
        dir.write("base.yaml", ConfigDir.MINIMAL + """
                seed: 1
                training: {batch_size: 32, max_epochs: 50, optimizer: {lr: 0.01}}
                """);
        dir.write("child.yaml", """
                extends: base.yaml
                training: {max_epochs: 5}
                """);

        ExperimentConfig config = dir.load("child.yaml");

        assertEquals(1, config.seed());
        assertEquals(32, config.training().batchSize());
        assertEquals(5, config.training().maxEpochs());
        assertEquals(0.01, config.training().optimizer().lr());
        assertEquals("child", config.name());
    }

    @Test
    void chainsResolveEachPathAgainstItsOwnFile() {
        dir.write("shared/base.yaml", ConfigDir.MINIMAL + "features: {n_mels: 64, hop_length: 128}\n");
        dir.write("shared/mid.json", "{\"extends\": \"base.yaml\", \"features\": {\"n_mels\": 48}}");
        dir.write("runs/top.yaml", "extends: ../shared/mid.json\nfeatures: {hop_length: 512}\n");

        FeatureConfig features = dir.load("runs/top.yaml").features();

        assertEquals(48, features.nMels());
        assertEquals(512, features.hopLength());
    }

    @Test
    void nullInTheExtendingFileRestoresTheDefault() {
        dir.write("base.yaml", ConfigDir.MINIMAL + "features: {top_db: 80, n_mels: 64}\n");
        dir.write("child.yaml", "extends: base.yaml\nfeatures: {top_db: null, n_mels: null}\n");

        FeatureConfig features = dir.load("child.yaml").features();

        assertNull(features.topDb());
        assertEquals(96, features.nMels());
    }

    @Test
    void cycleIsAnError() {
        Path a = dir.write("a.yaml", "extends: b.yaml\n" + ConfigDir.MINIMAL);
        Path b = dir.write("b.yaml", "extends: a.yaml\n");

        assertEquals("config error: " + b + ": extends: \"a.yaml\" makes a cycle (" + a + " -> " + b + " -> " + a
                + ")", dir.error("a.yaml"));
    }

    @Test
    void fileExtendingItselfIsACycle() {
        Path self = dir.write("self.yaml", "extends: ./self.yaml\n" + ConfigDir.MINIMAL);

        assertEquals("config error: " + self + ": extends: \"./self.yaml\" makes a cycle (" + self + " -> "
                + self + ")", dir.error("self.yaml"));
    }

    @Test
    void missingBaseNamesTheResolvedPath() {
        Path child = dir.write("sub/child.yaml", "extends: ../base.yaml\n");

        assertEquals("config error: " + child + ": extends: \"../base.yaml\" not found (" + temp.resolve("base.yaml")
                + ")", dir.error("sub/child.yaml"));
    }

    @Test
    void extendsMustBeAFileName() {
        Path child = dir.write("child.yaml", "extends: [a.yaml, b.yaml]\n");

        assertEquals("config error: " + child + ": extends: [\"a.yaml\",\"b.yaml\"] is not a file name",
                dir.error("child.yaml"));
    }
}
