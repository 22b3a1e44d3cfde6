package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepTimesTest {

    @Test
    void medianAndMeanOfOddAndEvenCounts() {
        StepTimes odd = new StepTimes(new double[] {0.9, 0.2, 0.4});
        assertEquals(0.4, odd.median(), 0);
        assertEquals(0.5, odd.mean(), 1e-15);
        StepTimes even = new StepTimes(new double[] {0.4, 0.1, 0.3, 2.0});
        assertEquals(0.35, even.median(), 1e-15);
        assertEquals(0.7, even.mean(), 1e-15);
        assertArrayEquals(new double[] {0.4, 0.1, 0.3, 2.0}, even.seconds(), 0, "order kept, not sorted");
        assertThrows(IllegalArgumentException.class, () -> new StepTimes(new double[0]));
    }
}
