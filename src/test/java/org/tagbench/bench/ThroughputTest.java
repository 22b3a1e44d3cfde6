package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void aLineNamesTheTaskItsClipsPerSecondItsClipsAndSeconds() {
        Throughput measured = new Throughput("CPU path, 1 thread", 64, 0.3);
        assertEquals(213.33333333333334, measured.clipsPerSecond(), 1e-12);
        assertEquals("CPU path, 1 thread" + " ".repeat(64 - 18) + "    213.3 clips/s  (64 clips in 0.30 s)",
                measured.line());
        StringWriter printed = new StringWriter();
        measured.printTo(new PrintWriter(printed));
        assertEquals(measured.line() + System.lineSeparator(), printed.toString());
    }

    @Test
    void measuringTimesTheTaskAndPassesItsFailureOn() throws Exception {
        Throughput slept = Throughput.measure("sleep", 2, () -> Thread.sleep(60));
        assertTrue(slept.seconds() >= 0.06 && slept.seconds() < 5, slept.seconds() + " s");
        assertEquals(2, slept.clips());
        IOException failure = new IOException("disk gone");
        assertSame(failure, assertThrows(IOException.class, () -> Throughput.measure("fail", 1, () -> {
            throw failure;
        })));
    }
}
