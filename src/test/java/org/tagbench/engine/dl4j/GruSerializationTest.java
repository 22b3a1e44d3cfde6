package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Adam;

class GruSerializationTest {
    @Test
    void crnnConfigurationRoundTripsThroughJson() {
        MultiLayerConfiguration conf = GruNetworks.crnn(2, new NoOp(), DataType.DOUBLE);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(conf.toJson(), back.toJson());
        GruLayer first = (GruLayer) back.getConf(8).getLayer();
        GruLayer second = (GruLayer) back.getConf(9).getLayer();
        assertEquals(3, first.nIn());
        assertEquals(4, first.units());
        assertTrue(first.returnSequences());
        assertEquals(4, second.nIn());
        assertEquals(3, second.units());
        assertFalse(second.returnSequences());
        assertInstanceOf(FeatureMapToSequence.class, back.getInputPreProcess(8));
    }

    @Test
    void savedCrnnRestoresWithIdenticalOutputsAndKeepsTraining(@TempDir Path dir) throws IOException {
        MultiLayerNetwork network = GruNetworks.init(GruNetworks.crnn(2, new Adam(0.01), DataType.DOUBLE));
        Nd4j.getRandom().setSeed(5);
        INDArray input = Nd4j.randn(DataType.DOUBLE, 4, 1, GruNetworks.MELS, GruNetworks.FRAMES);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 4, 2).gt(0.5).castTo(DataType.DOUBLE);
        // A few steps first, so the batch-norm statistics and Adam's moments are not at their initial values.
        for (int i = 0; i < 3; i++) {
            network.fit(new DataSet(input, labels));
        }
        File file = dir.resolve("crnn.zip").toFile();
        ModelSerializer.writeModel(network, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(network.params(), restored.params());
        assertEquals(network.output(input), restored.output(input));
        network.fit(new DataSet(input, labels));
        restored.fit(new DataSet(input, labels));
        assertEquals(network.params(), restored.params());
    }
}
