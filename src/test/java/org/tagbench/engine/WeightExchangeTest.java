package org.tagbench.engine;

import static org.tagbench.engine.RandomBatches.assertPredictionsEqual;
import static org.tagbench.engine.RandomBatches.randomBatch;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Add;
import org.tagbench.model.Architecture;
import org.tagbench.model.ArchitectureInputs;
import org.tagbench.model.AveragePool;
import org.tagbench.model.Concat;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ConvBn;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.Nonlinearity;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.SpectrogramBatchNorm;

/**
 * Weights trained in one engine, moved through the engine-neutral layout into the other, give the same outputs
 * on the same input: the two engines build the same function from a spec, and the layout means the same in both,
 * under every convention (each architecture and direction meets two of them).
 */
class WeightExchangeTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.adam(0.01);

    @ParameterizedTest(name = "{0} from {1} to {2} under {3}")
    @CsvSource({"K1C2, DL4J, PYTORCH, PYTORCH", "K2C1, DL4J, PYTORCH, KERAS", "K2C2, DL4J, PYTORCH, DL4J",
            "CRNN, DL4J, PYTORCH, PYTORCH", "K1C2, PYTORCH, DL4J, DL4J", "K2C1, PYTORCH, DL4J, PYTORCH",
            "K2C2, PYTORCH, DL4J, KERAS", "CRNN, PYTORCH, DL4J, KERAS", "CRNN, DL4J, PYTORCH, DL4J",
            "FCN, DL4J, PYTORCH, PYTORCH", "FCN, PYTORCH, DL4J, KERAS", "SHORTCHUNK, DL4J, PYTORCH, PYTORCH",
            "SHORTCHUNK, PYTORCH, DL4J, DL4J",
            "SAMPLECNN, DL4J, PYTORCH, KERAS", "SAMPLECNN, PYTORCH, DL4J, PYTORCH",
            "BILSTM_ATTN, DL4J, PYTORCH, PYTORCH", "BILSTM_ATTN, PYTORCH, DL4J, KERAS",
            "SHORTCHUNK_RES, DL4J, PYTORCH, PYTORCH", "SHORTCHUNK_RES, PYTORCH, DL4J, KERAS",
            "MUSICNN, DL4J, PYTORCH, KERAS", "MUSICNN, PYTORCH, DL4J, PYTORCH"})

    void weightsFromOneEngineGiveTheSameOutputsInTheOther(Architecture arch, EngineName from, EngineName to,
                                                          ConventionsName conventions) {
        // Mel bands and frames that exercise odd sizes, "same" padding with even kernels and pool truncation.
        ModelSpec spec = ArchitectureInputs.spec(arch, 24, 45, 5, new int[] {3, 4, 5, 6});
        Batch batch = randomBatch(spec, 6, 11);
        TrainingConventions trained = TrainingConventions.of(conventions);
        try (Network source = Engine.named(from).build(spec, ADAM, trained, 5);
             Network target = Engine.named(to).build(spec, ADAM, trained, 6)) {
            // A few steps give batch norms running statistics unlike their initial ones.
            for (int step = 0; step < 3; step++) {
                source.fit(randomBatch(spec, 6, step));
            }
            target.load(source.weights());

            assertPredictionsEqual(source.predict(batch), target.predict(batch), 1e-5);
        }
    }

    /**
     * Not only shortchunk-res: a graph where the input feeds two branches, a concat joins them, and a plain add (a
     * node that is its join and nothing else) feeds the output, trained on DL4J, gives PyTorch's outputs at every
     * node.
     */
    @Test
    void aGraphOfBranchesConcatAndAddGivesTheSameOutputsAtEveryNode() {
        List<Integer> input = List.of(ModelSpec.INPUT);
        ModelSpec spec = new ModelSpec(Architecture.SHORTCHUNK_RES, 9, 7, 2, List.of(),
                List.of(new ConvBn(1, 4, 3, 1, true), new ConvBn(4, 4, 3, 2, true), new ConvBn(1, 2, 1, 2, false),
                        new Concat(), new ConvBn(6, 6, 3, 1, false), new Add(false), new SigmoidOutput(120, 2)),
                List.of(input, List.of(0), input, List.of(1, 2), List.of(3), List.of(3, 4), List.of(5)));
        Batch batch = randomBatch(spec, 5, 11);
        TrainingConventions trained = TrainingConventions.PYTORCH;
        try (Network dl4j = Engine.named(EngineName.DL4J).build(spec, ADAM, trained, 5);
             Network pytorch = Engine.named(EngineName.PYTORCH).build(spec, ADAM, trained, 6)) {
            for (int step = 0; step < 3; step++) {
                dl4j.fit(randomBatch(spec, 5, step));
            }
            pytorch.load(dl4j.weights());

            for (int node = 0; node < spec.layers().size(); node++) {
                assertPredictionsEqual(pytorch.layerOutputs(batch, node), dl4j.layerOutputs(batch, node), 1e-5);
            }
        }
    }

    /**
     * musicnn's average pools on their own, in a chain of 8 bands x 12 frames whose windows leave a remainder (2 of 8
     * bands, 2 of 12 frames are dropped), which musicnn's own shapes do not test.
     */
    @Test
    void averagePoolsGiveTheSameOutputsInDl4jAsInPytorch() {
        ModelSpec spec = new ModelSpec(Architecture.MUSICNN, 8, 12, 2, List.of(), List.of(new SpectrogramBatchNorm(),
                new AveragePool(3, 1), new ConvBlock(1, 3, 3, 3, ConvBlock.Padding.SAME, 1, 1, Nonlinearity.RELU),
                new AveragePool(2, 5), new SigmoidOutput(3 * 2, 2)));
        Batch batch = randomBatch(spec, 6, 11);
        try (Network source = Engine.named(EngineName.PYTORCH).build(spec, ADAM, TrainingConventions.PYTORCH, 5);
             Network target = Engine.named(EngineName.DL4J).build(spec, ADAM, TrainingConventions.PYTORCH, 6)) {
            for (int step = 0; step < 3; step++) {
                source.fit(randomBatch(spec, 6, step));
            }
            target.load(source.weights());

            assertPredictionsEqual(source.predict(batch), target.predict(batch), 1e-5);
        }
    }
}
