package org.tagbench.engine.dl4j;

import org.tagbench.engine.GruGolden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GruLayerTest {
    /** torch.nn.GRU in float64 and this layer in double agree to rounding; 1e-10 leaves room for op order. */
    private static final double TOLERANCE = 1e-10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single", "stacked"})
    void lastStateEqualsTorchGruInFloat64(String name) throws IOException {
        JsonNode golden = GruGolden.goldenCase(name);
        MultiLayerNetwork network = withGoldenWeights(golden, false);
        assertClose(array(golden.get("last")), network.output(array(golden.get("input"))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single", "stacked"})
    void stateSequenceEqualsTorchGruInFloat64(String name) throws IOException {
        JsonNode golden = GruGolden.goldenCase(name);
        MultiLayerNetwork network = withGoldenWeights(golden, true);
        assertClose(array(golden.get("sequence")), network.output(array(golden.get("input"))));
    }

    @Test
    void aShorterSequenceAfterALongerOneGivesThePrefixOfTheStates() throws IOException {
        JsonNode golden = GruGolden.goldenCase("single");
        MultiLayerNetwork network = withGoldenWeights(golden, true);
        INDArray input = array(golden.get("input"));
        network.output(input);
        INDArray prefix = input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup();
        INDArray expected = array(golden.get("sequence"))
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        assertClose(expected, network.output(prefix));
    }

    @Test
    void parameterCountIsThreeGatesOfInputRecurrentAndTwoBiases() {
        MultiLayerNetwork network = GruNetworks.grus(5, 6, false, 7);
        // 3 * (5*7 + 7*7 + 2*7) = 3 * 98
        assertEquals(294, network.numParams());
        assertEquals(294, GruLayer.paramCount(5, 7));
        Map<String, INDArray> params = network.getLayer(0).paramTable();
        assertArrayEquals(new long[] {5, 21}, params.get(GruLayer.INPUT_WEIGHTS).shape());
        assertArrayEquals(new long[] {7, 21}, params.get(GruLayer.RECURRENT_WEIGHTS).shape());
        assertArrayEquals(new long[] {1, 21}, params.get(GruLayer.INPUT_BIAS).shape());
        assertArrayEquals(new long[] {1, 21}, params.get(GruLayer.RECURRENT_BIAS).shape());
    }

    @Test
    void crnnFoldsChannelsAndBandsIntoTheGrusInput() {
        MultiLayerNetwork network = GruNetworks.init(GruNetworks.crnn(2, new NoOp(), DataType.DOUBLE));
        // Two pools leave 3 channels x 1 band x 3 steps: the first GRU sees 3 features per step.
        GruLayer first = (GruLayer) network.getLayer(8).conf().getLayer();
        assertEquals(3, first.nIn());
        assertEquals(new FeatureMapToSequence(3, 1, 3), network.getLayerWiseConfigurations().getInputPreProcess(8));
        INDArray out = network.output(Nd4j.rand(DataType.DOUBLE, 2, 1, GruNetworks.MELS, GruNetworks.FRAMES));
        assertArrayEquals(new long[] {2, 2}, out.shape());
    }

    @Test
    void singlePrecisionCrnnMemorisesAFixedBatch() {
        MultiLayerNetwork network = GruNetworks.init(GruNetworks.crnn(3, new Adam(0.05), DataType.FLOAT));
        Nd4j.getRandom().setSeed(9);
        INDArray input = Nd4j.randn(DataType.FLOAT, 6, 1, GruNetworks.MELS, GruNetworks.FRAMES);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 6, 3).gt(0.5).castTo(DataType.FLOAT);
        DataSet batch = new DataSet(input, labels);
        network.fit(batch);
        double first = network.score();
        for (int i = 0; i < 40; i++) {
            network.fit(batch);
        }
        // XENT summed over 3 tags starts near 3 ln 2 and falls well below it once the batch is learned.
        assertTrue(first > 1.2 && first < 4, "first loss " + first);
        assertTrue(network.score() < 0.5 * first, "loss went from " + first + " to " + network.score());
    }

    @Test
    void featureMapBecomesASequenceOverItsWidthWithChannelMajorFeatures() {
        INDArray map = Nd4j.arange(2 * 3 * 2 * 4).castTo(DataType.DOUBLE).reshape(2, 3, 2, 4);
        FeatureMapToSequence fold = new FeatureMapToSequence(3, 2, 4);
        INDArray sequence = fold.preProcess(map, 2, LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[] {2, 6, 4}, sequence.shape());
        // Feature c*height + h at time w is map[b, c, h, w].
        assertEquals(map.getDouble(1, 2, 1, 3), sequence.getDouble(1, 2 * 2 + 1, 3));
        assertEquals(map.getDouble(0, 1, 0, 2), sequence.getDouble(0, 2, 2));
        assertEquals(map, fold.backprop(sequence, 2, LayerWorkspaceMgr.noWorkspaces()));
    }

    private static MultiLayerNetwork withGoldenWeights(JsonNode golden, boolean returnSequences) {
        List<JsonNode> layers = new ArrayList<>();
        golden.get("layers").forEach(layers::add);
        int units = golden.get("units").asInt();
        int[] widths = layers.stream().mapToInt(l -> units).toArray();
        long steps = golden.get("input").get(0).get(0).size();
        MultiLayerNetwork network = GruNetworks.grus(golden.get("nIn").asLong(), steps, returnSequences, widths);
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            for (String key : List.of(GruLayer.INPUT_WEIGHTS, GruLayer.RECURRENT_WEIGHTS,
                    GruLayer.INPUT_BIAS, GruLayer.RECURRENT_BIAS)) {
                INDArray param = network.getLayer(i).getParam(key);
                param.assign(array(layer.get(key)).reshape(param.shape()));
            }
        }
        return network;
    }

    /** A nested JSON list of numbers as a double array of the same shape. */
    private static INDArray array(JsonNode nested) {
        return Nd4j.create(GruGolden.values(nested), GruGolden.shape(nested), DataType.DOUBLE);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), TOLERANCE, "largest difference from torch");
    }
}
