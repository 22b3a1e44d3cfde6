package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.engine.RandomBatches;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;

/**
 * A CRNN's first DL4J step makes SameDiff print the ops it differentiates: they reach the debug log, line by line,
 * and nothing reaches standard output, which is the run's report.
 */
class SameDiffPrintsTest {
    @Test
    void aCrnnStepPrintsNothingOnStandardOutputAndLogsSameDiffsLines() {
        ModelSpec spec = Architecture.CRNN.spec(24, 45, 5, Architecture.CRNN.layerWidths(new int[] {3, 4, 5, 6}));
        Logger log = (Logger) LoggerFactory.getLogger(SameDiffPrints.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        log.setLevel(Level.DEBUG);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (Dl4jNetwork network = Dl4jNetwork.build(spec, OptimizerConfig.adam(1e-3), TrainingConventions.DL4J, 1)) {
            network.fit(RandomBatches.randomBatch(spec, 2, 1));
        } finally {
            System.setOut(stdout);
            log.detachAppender(logged);
            log.setLevel(null);
        }

        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertFalse(lines.isEmpty(), "SameDiff's lines reach the debug log");
        assertTrue(lines.stream().allMatch(line -> line.startsWith("Added differentiated op ")), lines.toString());
    }
}
