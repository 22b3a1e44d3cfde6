package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.engine.ConventionsGolden;
import org.tagbench.engine.TrainingConventions;

/**
 * The DL4J engine's Adam under each training convention (ND4J's Adam, or {@link BiasCorrectedAdam} for PyTorch's
 * placement of epsilon) against the float64 twin, in float32 as the networks train, on gradients down to 1e-9 where
 * the placement and size of epsilon decide the update.
 */
class Dl4jAdamTest {

    @ParameterizedTest
    @EnumSource(ConventionsName.class)
    void adamPlacesEpsilonAsTheConventionsTwinDoes(ConventionsName name) {
        JsonNode golden = ConventionsGolden.root().get("adam");
        OptimizerConfig config = new OptimizerConfig("adam", golden.get("lr").asDouble(),
                golden.get("beta1").asDouble(), golden.get("beta2").asDouble(), 0, 0, true);
        IUpdater updater = Dl4jNetwork.updater(config, TrainingConventions.of(name).adam());
        float[] start = ConventionsGolden.floats(golden.get("start"));
        INDArray w = Nd4j.create(start).reshape(1, start.length);
        GradientUpdater<?> u = updater.instantiate(Nd4j.zeros(DataType.FLOAT, 1, updater.stateSize(start.length)),
                true);
        int t = 0;
        for (JsonNode gradient : ConventionsGolden.elements(golden.get("gradients"))) {
            INDArray g = Nd4j.create(ConventionsGolden.floats(gradient)).reshape(1, start.length);
            u.applyUpdater(g, t++, 0);
            w.subi(g);
        }
        double[] expected = ConventionsGolden.doubles(golden.get("expected").get(name.configName()));
        float[] actual = w.toFloatVector();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6, name + " weight " + i);
        }
    }
}
