package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;

class RandomBatchTest {

    @Test
    void chunksAroundMinus40DbWithOneLabelInTenTheSameEveryTime() {
        ModelSpec spec = Architecture.K2C2.spec(96, 141, 50, new int[] {4, 4, 4, 4, 4});
        Batch batch = RandomBatch.of(spec, 16);
        assertEquals(16, batch.rows());
        assertEquals(16 * 96 * 141, batch.features().length);
        assertEquals(16 * 50, batch.labels().length);
        double sum = 0;
        double squares = 0;
        for (float value : batch.features()) {
            sum += value;
            squares += value * (double) value;
        }
        double mean = sum / batch.features().length;
        assertEquals(-40, mean, 0.1);
        assertEquals(20, Math.sqrt(squares / batch.features().length - mean * mean), 0.1);
        double set = 0;
        for (float label : batch.labels()) {
            assertEquals(0, label * (1 - label), "labels are 0 or 1");
            set += label;
        }
        assertEquals(0.1, set / batch.labels().length, 0.03);
        Batch again = RandomBatch.of(spec, 16);
        assertArrayEquals(batch.features(), again.features());
        assertArrayEquals(batch.labels(), again.labels());
    }
}
