package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tagbench.config.EngineName;
import org.tagbench.engine.Engine;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;

/** A training step timed on DL4J (the pytorch engine's runs are the same code, through the same contract). */
class StepBenchmarkTest {

    @Test
    void timesEachStepAndReportsTheEnginesCountTheLossAndThePeak() {
        ModelSpec spec = Architecture.K2C1.spec(8, 16, 3, new int[] {2, 2, 2, 2, 2, 3, 3});
        StepReport report = new StepBenchmark(Engine.named(EngineName.DL4J), spec, 2, 1, 3).run();
        assertEquals(EngineName.DL4J, report.engine());
        assertTrue(report.backend().startsWith("dl4j: "), report.backend());
        assertEquals(spec.trainableParams(), report.params());
        assertEquals(3, report.times().seconds().length);
        for (double seconds : report.times().seconds()) {
            assertTrue(seconds > 0 && seconds < 60, seconds + " s");
        }
        // Binary cross-entropy of near-chance outputs on labels with one in ten set: around ln 2.
        assertTrue(report.loss() > 0.1 && report.loss() < 2, "loss " + report.loss());
        // This JVM holds at least the ND4J natives it loaded, well over 50 MB.
        assertTrue(report.peakResidentBytes().orElseThrow() > 50_000_000L, report.text());
    }
}
