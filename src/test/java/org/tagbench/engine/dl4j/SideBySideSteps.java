package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Trains DL4J's own path of a layer and another path of it side by side, from the same weights on the same batches. */
final class SideBySideSteps {
    private SideBySideSteps() {
    }

    /**
     * Three steps of {@code dl4j} and {@code other} (same weights already) on random batches of {@code exampleShape}
     * with {@code tags} binary labels (seed {@code seed}); fails unless every array ends equal within float32 rounding
     * (1e-5 of its largest value, at least 1e-5) and so do the inference outputs of a further batch.
     */
    static void assertTrainAlike(MultiLayerNetwork dl4j, MultiLayerNetwork other, long seed, int tags,
                                 long... exampleShape) {
        Nd4j.getRandom().setSeed(seed);
        for (int step = 0; step < 3; step++) {
            INDArray features = Nd4j.randn(DataType.FLOAT, batch(6, exampleShape)).muli(2).addi(0.5);
            INDArray labels = Nd4j.rand(DataType.FLOAT, 6, tags).gt(0.5).castTo(DataType.FLOAT);
            dl4j.fit(new DataSet(features, labels));
            other.fit(new DataSet(features, labels));
        }
        Map<String, INDArray> expected = dl4j.paramTable();
        expected.forEach((name, array) -> {
            double scale = Math.max(1, array.amaxNumber().doubleValue());
            double error = array.sub(other.getParam(name)).amaxNumber().doubleValue();
            assertTrue(error <= 1e-5 * scale, name + " differs by " + error);
        });
        INDArray probe = Nd4j.randn(DataType.FLOAT, batch(4, exampleShape));
        assertEquals(0, dl4j.output(probe, false).sub(other.output(probe, false)).amaxNumber().doubleValue(), 1e-5);
    }

    private static long[] batch(long rows, long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }
}
