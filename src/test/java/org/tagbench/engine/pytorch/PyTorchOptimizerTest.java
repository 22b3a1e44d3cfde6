package org.tagbench.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.engine.ConventionsGolden;
import org.tagbench.engine.TrainingConventions;

/**
 * The pytorch engine's updates against DL4J's own updaters (ND4J's Adam, Nesterovs and Sgd, run in double
 * precision) on the same gradients, with L2 weight decay added to the gradient first as DL4J's l2 does, and a
 * learning-rate change half-way; and Adam under each training convention against its float64 twin.
 */
class PyTorchOptimizerTest {
    private static final int STEPS = 6;
    private static final double WEIGHT_DECAY = 0.01;
    private static final float[] START = {0.5f, -1.2f, 2f, 0.05f};

    @ParameterizedTest
    @ValueSource(strings = {"adam", "nesterov", "sgd"})
    void weightsFollowDl4jsUpdaters(String name) {
        OptimizerConfig config = switch (name) {
            case "adam" -> new OptimizerConfig("adam", 0.01, 0.9, 0.999, WEIGHT_DECAY, 0, true);
            case "nesterov" -> new OptimizerConfig("sgd", 0.05, 0.9, 0.999, WEIGHT_DECAY, 0.9, true);
            default -> new OptimizerConfig("sgd", 0.05, 0.9, 0.999, WEIGHT_DECAY, 0, false);
        };
        float[][] gradients = gradients();
        double[][] expected = {dl4jWeights(dl4jUpdater(config), gradients, WEIGHT_DECAY, config.lr() / 2),
                dl4jWeights(dl4jUpdater(config), gradients, 0, config.lr() / 2)};

        Engine engine = Libtorch.engine();
        try (NDManager manager = engine.newBaseManager()) {
            // The same array twice: decayed as a weight, and not decayed as a batch norm's scale.
            NDArray decayed = trainable(manager);
            NDArray notDecayed = trainable(manager);
            PyTorchOptimizer optimizer = new PyTorchOptimizer(config, TrainingConventions.DL4J.adam(), List.of(
                    new PyTorchWeight("w", parameter("w", decayed), true),
                    new PyTorchWeight("gamma", parameter("gamma", notDecayed), false)), manager);
            for (int t = 0; t < STEPS; t++) {
                if (t == STEPS / 2) {
                    optimizer.setLearningRate(config.lr() / 2);
                }
                try (NDManager step = manager.newSubManager()) {
                    step.tempAttachAll(decayed, notDecayed);
                    NDArray g = step.create(gradients[t]);
                    // Loss sum(w * g) + sum(u * g): both gradients are g.
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        collector.backward(decayed.mul(g).sum().add(notDecayed.mul(g).sum()));
                    }
                    optimizer.update(step);
                }
            }
            assertClose(expected[0], decayed.toFloatArray());
            assertClose(expected[1], notDecayed.toFloatArray());
            assertEquals(STEPS, optimizer.steps());
        }
    }

    /**
     * Adam under each convention against the float64 twin (torch.optim.Adam for pytorch, the efficient form for
     * keras and dl4j) on gradients down to 1e-9, where the placement and size of epsilon decide the update.
     */
    @ParameterizedTest
    @EnumSource(ConventionsName.class)
    void adamPlacesEpsilonAsTheConventionsTwinDoes(ConventionsName name) {
        JsonNode golden = ConventionsGolden.root().get("adam");
        OptimizerConfig config = new OptimizerConfig("adam", golden.get("lr").asDouble(),
                golden.get("beta1").asDouble(), golden.get("beta2").asDouble(), 0, 0, true);
        Engine engine = Libtorch.engine();
        try (NDManager manager = engine.newBaseManager()) {
            NDArray w = manager.create(ConventionsGolden.floats(golden.get("start")));
            w.setRequiresGradient(true);
            PyTorchOptimizer optimizer = new PyTorchOptimizer(config, TrainingConventions.of(name).adam(),
                    List.of(new PyTorchWeight("w", parameter("w", w), true)), manager);
            for (JsonNode gradient : ConventionsGolden.elements(golden.get("gradients"))) {
                try (NDManager step = manager.newSubManager()) {
                    step.tempAttachAll(w);
                    NDArray g = step.create(ConventionsGolden.floats(gradient));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        collector.backward(w.mul(g).sum());
                    }
                    optimizer.update(step);
                }
            }
            assertClose(ConventionsGolden.doubles(golden.get("expected").get(name.configName())), w.toFloatArray());
        }
    }

    private static IUpdater dl4jUpdater(OptimizerConfig config) {
        if (config.name().equals("adam")) {
            return new Adam(config.lr(), config.beta1(), config.beta2(), 1e-8);
        }
        return config.momentum() > 0 ? new Nesterovs(config.lr(), config.momentum()) : new Sgd(config.lr());
    }

    /** Gradients of mixed sizes, one component tiny (1e-8) so that where Adam adds its epsilon shows. */
    private static float[][] gradients() {
        SplittableRandom random = new SplittableRandom(5);
        float[][] g = new float[STEPS][START.length];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < START.length; i++) {
                g[t][i] = (float) (random.nextGaussian() * (i == START.length - 1 ? 1e-8 : 1));
            }
        }
        return g;
    }

    /** DL4J's update loop: l2 into the gradient, the updater turns it into the update, the update is subtracted. */
    private static double[] dl4jWeights(IUpdater updater, float[][] gradients, double l2, double laterLr) {
        INDArray w = Nd4j.create(START).castTo(DataType.DOUBLE).reshape(1, START.length);
        long stateSize = updater.stateSize(START.length);
        GradientUpdater<?> u = updater.instantiate(stateSize > 0 ? Nd4j.zeros(DataType.DOUBLE, 1, stateSize) : null,
                true);
        for (int t = 0; t < STEPS; t++) {
            if (t == STEPS / 2) {
                updater.setLrAndSchedule(laterLr, null);
            }
            INDArray g = Nd4j.create(gradients[t]).castTo(DataType.DOUBLE).reshape(1, START.length);
            g.addi(w.mul(l2));
            u.applyUpdater(g, t, 0);
            w.subi(g);
        }
        return w.toDoubleVector();
    }

    private static NDArray trainable(NDManager manager) {
        NDArray w = manager.create(START);
        w.setRequiresGradient(true);
        return w;
    }

    private static Parameter parameter(String name, NDArray array) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build();
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6, "weight " + i);
        }
    }
}
