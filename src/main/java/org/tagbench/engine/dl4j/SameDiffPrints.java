package org.tagbench.engine.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SameDiff, behind the GRU layers, prints every op it differentiates to System.out ("Added differentiated op
 * reshape", some 250 lines at a CRNN's first step) and has no switch to turn it off. Around a training step
 * System.out is this class's debug log instead, so that standard output stays the run's report; {@code --verbose}
 * shows the lines.
 */
final class SameDiffPrints {
    private static final Logger LOG = LoggerFactory.getLogger(SameDiffPrints.class);
    private static final PrintStream AS_DEBUG = new PrintStream(new LineLog(), true, StandardCharsets.UTF_8);

    private SameDiffPrints() {
    }

    /** Runs {@code step} with System.out logged at DEBUG, line by line. */
    static void during(Runnable step) {
        PrintStream report = System.out;
        System.setOut(AS_DEBUG);
        try {
            step.run();
        } finally {
            System.setOut(report);
        }
    }

    /** Bytes collected into lines, each logged when its newline arrives. */
    private static final class LineLog extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                LOG.debug(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
