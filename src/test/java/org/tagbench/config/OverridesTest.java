package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OverridesTest extends ConfigFolderTest {
    @BeforeEach
    void writeBaseAndRun() {
        dir.write("base.yaml", ConfigDir.MINIMAL + "features: {fmax: 4000}\ntraining: {max_epochs: 20}\n");
        dir.write("run.yaml", "extends: base.yaml\ntraining: {max_epochs: 10}\n");
    }

    @Test
    void valuesAreReadAsYamlScalars() {
        ExperimentConfig config = dir.load("run.yaml", "model.params=250k", "training.max_epochs=3",
                "training.optimizer.lr=1e-4", "features.center=false", "name=sweep-1", "data.root=/tmp/synth");

        assertEquals(250_000, config.model().params());
        assertEquals(3, config.training().maxEpochs());
        assertEquals(1e-4, config.training().optimizer().lr());
        assertFalse(config.features().center());
        assertEquals("sweep-1", config.name());
        assertEquals(Path.of("/tmp/synth"), config.data().root());
    }

    @Test
    void nullOverrideRestoresTheDefault() {
        assertEquals(4000.0, dir.load("run.yaml").features().fmax());
        assertEquals(6000.0, dir.load("run.yaml", "features.fmax=null").features().fmax());
    }

    @Test
    void overridesCreateMissingSections() {
        assertEquals(4, dir.load("run.yaml", "eval.chunks=4").eval().chunks());
    }

    @Test
    void laterOverrideOfTheSameKeyWins() {
        assertEquals(7, dir.load("run.yaml", "training.batch_size=5", "training.batch_size=7").training().batchSize());
    }

    @Test
    void unknownKeyIsAnUnknownKeyError() {
        assertEquals("config error: training.max_epoch: unknown key (known: augment, batch_size,"
                + " checkpoint_steps, conventions, early_stopping, engine, loss, max_epochs, optimizer, schedule)",
                dir.error("run.yaml", "training.max_epoch=3"));
    }

    @Test
    void unknownSectionIsAnUnknownKeyError() {
        assertEquals("config error: optimizer: unknown key (known: data, eval, features, model, name, pipeline,"
                + " results, seed, task, training)", dir.error("run.yaml", "optimizer.lr=0.1"));
    }

    @Test
    void overrideValueIsTypeChecked() {
        assertEquals("config error: training.batch_size: \"many\" is not an integer",
                dir.error("run.yaml", "training.batch_size=many"));
    }

    @Test
    void overrideWithoutEqualsSignIsAnError() {
        assertEquals("config error: --set \"training.max_epochs\": expected dotted.key=value, e.g."
                + " training.max_epochs=3", dir.error("run.yaml", "training.max_epochs"));
    }

    @Test
    void overrideWithAnEmptyKeyIsAnError() {
        assertEquals("config error: --set \"=3\": expected dotted.key=value, e.g. training.max_epochs=3",
                dir.error("run.yaml", "=3"));
        assertEquals("config error: --set \"training..max_epochs=3\": expected dotted.key=value, e.g."
                + " training.max_epochs=3", dir.error("run.yaml", "training..max_epochs=3"));
    }

    @Test
    void overrideValueMustBeYaml() {
        assertEquals("config error: --set \"name=[a\": value is not YAML (expected ',' or ']', but got"
                + " <stream end>)", dir.error("run.yaml", "name=[a"));
    }
}
