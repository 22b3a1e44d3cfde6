package org.tagbench.engine.pytorch;

import org.tagbench.engine.GruGolden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.model.Gru;
import org.tagbench.model.LayerSpec;
import org.tagbench.model.WeightLayout;

/**
 * The pytorch engine's GRU layers (DJL's GRU, fed and read through the feature-map hand-over) against torch.nn.GRU
 * in float64 (src/test/resources/engine/gru-golden.json), its weights loaded through the weight layout's names.
 */
class PyTorchGruTest {
    /** Both sides are libtorch's float64 GRU; 1e-10 leaves room for a different order of operations. */
    private static final double TOLERANCE = 1e-10;

    @ParameterizedTest(name = "{0}, every state: {1}")
    @CsvSource({"single,true", "single,false", "stacked,true", "stacked,false"})
    void outputEqualsTorchGruInFloat64(String name, boolean everyState) throws IOException {
        JsonNode golden = GruGolden.goldenCase(name);
        int nIn = golden.get("nIn").asInt();
        int units = golden.get("units").asInt();
        JsonNode weights = golden.get("layers");
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            specs.add(new Gru(i == 0 ? nIn : units, units, everyState || i < weights.size() - 1));
        }
        long[] input = GruGolden.shape(golden.get("input"));
        // The golden input is a sequence [batch, features, steps]: as a feature map it is one band high.
        Shape map = new Shape(input[0], input[1], 1, input[2]);
        PyTorchLayers layers = PyTorchLayers.of(specs, TrainingConventions.DL4J.batchNorm());
        try (NDManager manager = Libtorch.engine().newBaseManager()) {
            layers.block().initialize(manager, DataType.FLOAT64, map);
            Map<String, double[]> named = layoutWeights(weights);
            for (PyTorchWeight w : layers.weights()) {
                NDArray parameter = w.parameter().getArray();
                PyTorchNetwork.overwrite(parameter, manager.create(named.get(w.name()), parameter.getShape()));
            }
            NDArray out = layers.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(GruGolden.values(golden.get("input")), map)), false).singletonOrThrow();
            JsonNode expected = golden.get(everyState ? "sequence" : "last");
            long[] shape = GruGolden.shape(expected);
            // Every state leaves as a map one band high, [batch, units, 1, steps].
            assertArrayEquals(everyState ? new long[] {shape[0], shape[1], 1, shape[2]} : shape,
                    out.getShape().getShape());
            double[] actual = out.toDoubleArray();
            double[] wanted = GruGolden.values(expected);
            double worst = 0;
            for (int i = 0; i < wanted.length; i++) {
                worst = Math.max(worst, Math.abs(wanted[i] - actual[i]));
            }
            assertEquals(0, worst, TOLERANCE, "largest difference from torch");
        }
    }

    /**
     * The golden weights under the layout's names: the golden file keeps DL4J's transposed W = weight_ih^T and
     * R = weight_hh^T, whose gate blocks are PyTorch's (reset | update | new), and the biases as they are.
     */
    private static Map<String, double[]> layoutWeights(JsonNode layers) {
        Map<String, double[]> named = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String prefix = WeightLayout.prefix(i);
            named.put(prefix + "weight_ih", transposed(layer.get("W")));
            named.put(prefix + "weight_hh", transposed(layer.get("R")));
            named.put(prefix + "bias_ih", GruGolden.values(layer.get("Wb")));
            named.put(prefix + "bias_hh", GruGolden.values(layer.get("Rb")));
        }
        return named;
    }

    private static double[] transposed(JsonNode matrix) {
        long[] shape = GruGolden.shape(matrix);
        double[] values = GruGolden.values(matrix);
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        double[] t = new double[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = values[r * cols + c];
            }
        }
        return t;
    }
}
