package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "k1c2; 1 2 3 4 5 6; 1 x 96 x 341, 2 x 96 x 68, 3 x 96 x 8, 4 x 96 x 1",
            "k2c1; 1 2 3 4 5 6 7; 1 x 1 x 341, 2 x 1 x 85, 3 x 1 x 21, 4 x 1 x 5, 5 x 1 x 1",
            "k2c2; 1 2 3 4 5; 1 x 48 x 341, 2 x 24 x 85, 3 x 12 x 21, 4 x 4 x 4, 5 x 1 x 1",
            "crnn; 1 2 3 4 5 6; 1 x 48 x 720, 2 x 16 x 240, 3 x 4 x 60, 4 x 1 x 15",
            "bilstm-attn; 1 2 3 4 5; 1 x 48 x 683, 2 x 12 x 341, 3 x 3 x 170, 4 x 1 x 85"})
    void thePapersInputGivesThePapersMaps(String name, String widths, String maps) {
        Architecture arch = Architecture.byName(name).orElseThrow();
        int[] w = Arrays.stream(widths.split(" ")).mapToInt(Integer::parseInt).toArray();
        ModelSpec spec = arch.spec(96, 1366, 50, w);
        List<Shape> shapes = spec.shapes();
        List<String> convOutputs = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (spec.layers().get(i) instanceof ConvBlock) {
                convOutputs.add(shapes.get(i).toString());
            }
        }
        assertEquals(List.of(maps.split(", ")), convOutputs);
        assertEquals(new Shape(50, 1, 1), shapes.get(shapes.size() - 1));
    }

    @Test
    void bilstmAttnAtItsDefaultSizeHasTorchsCount() {
        // torch.nn: four Conv2d 3x3 with BatchNorm2d (1-64-128-256-256), LSTM(256, 128, bidirectional=True),
        // Linear(256, 1, bias=False) and Linear(256, 50) hold 1,369,522 parameters.
        ModelSpec spec = Architecture.BILSTM_ATTN.spec(96, 1366, 50, new int[] {64, 128, 256, 256, 128});
        assertEquals(1_369_522, spec.trainableParams());
        assertEquals(new Shape(256, 1, 85), spec.shapes().get(4));
        assertEquals(Shape.vector(256), spec.shapes().get(5));
    }

    @Test
    void flopsAreTwicePerMultiplyAddOfConvolutionsDenseAndGruLayers() {
        // crnn on 4 x 16 with widths 1,2,2,2,3,3: frequency pools shrink to 2, 2, 1, 1 and time pools to 2, 1, 1,
        // 1 (the GRUs keep at least 8 steps); 16 frames need no padding.
        ModelSpec spec = Architecture.CRNN.spec(4, 16, 2, new int[] {1, 2, 2, 2, 3, 3});
        long conv1 = 2L * 9 * 1 * 1 * 4 * 16;
        long conv2 = 2L * 9 * 1 * 2 * 2 * 8;
        long conv3 = 2L * 9 * 2 * 2 * 1 * 8;
        long conv4 = 2L * 9 * 2 * 2 * 1 * 8;
        long gru1 = 2L * 3 * (2 * 3 + 3 * 3) * 8;
        long gru2 = 2L * 3 * (3 * 3 + 3 * 3) * 8;
        long output = 2L * 3 * 2;
        assertEquals(conv1 + conv2 + conv3 + conv4 + gru1 + gru2 + output, spec.flops());
    }

    @Test
    void anEmptyInputIsRefusedNamingItsSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.K2C2.spec(96, 0, 50, new int[] {1, 2, 2, 3, 4}));
        assertEquals("input 96 x 0 (mel bands x frames): both must be at least 1", e.getMessage());
    }
}
