package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tagbench.engine.ConventionsGolden.floats;
import static org.tagbench.engine.ConventionsGolden.ints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;

/** A golden file of a network computed in plain torch (scripts/*_golden.py): its weights, and outputs to compare. */
final class TorchGolden {
    private TorchGolden() {
    }

    /** The JSON of test resource {@code resource}, e.g. {@code /engine/musicnn-golden.json}. */
    static JsonNode read(String resource) throws IOException {
        try (InputStream in = TorchGolden.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** Weights from an object of layout names, each {@code {"shape": [...], "values": [...]}}. */
    static ModelWeights weights(JsonNode named) {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        named.fields().forEachRemaining(e -> arrays.put(e.getKey(),
                new WeightArray(ints(e.getValue().get("shape")), floats(e.getValue().get("values")))));
        return new ModelWeights(arrays);
    }

    /** Fails unless {@code actual} has {@code expected}'s rows and values within {@code tolerance}. */
    static void assertClose(JsonNode expected, float[][] actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int r = 0; r < actual.length; r++) {
            float[] wanted = floats(expected.get(r));
            assertEquals(wanted.length, actual[r].length, what + ", row " + r);
            for (int i = 0; i < wanted.length; i++) {
                assertEquals(wanted[i], actual[r][i], tolerance, what + ", row " + r + ", value " + i);
            }
        }
    }
}
