package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.tagbench.config.EngineName;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;

class StepReportTest {
    private static final ModelSpec K1C2 = Architecture.K1C2.spec(8, 32, 3, new int[] {2, 2, 3, 3, 4, 4});

    private static StepReport report(OptionalLong peak) {
        return new StepReport(EngineName.DL4J, "dl4j: CPU (OPENBLAS, 2 threads)", K1C2, 12_345, 2, 1,
                new StepTimes(new double[] {0.25, 0.5, 0.125}), 0.6931, peak);
    }

    @Test
    void textNamesTheNetworkTheMedianAndMeanStepAndThePeak() {
        assertEquals(String.join(System.lineSeparator(),
                "k1c2 12,345 params, input 8 x 32, 3 tags, batch 2, dl4j: CPU (OPENBLAS, 2 threads)",
                "training step: median 0.250 s, mean 0.292 s (3 steps after 1 warm-up)",
                "peak RSS 1.50 GB"), report(OptionalLong.of(1_500_000_000L)).text());
        assertEquals("peak RSS unknown (no /proc/self/status)",
                report(OptionalLong.empty()).text().lines().toList().get(2));
    }

    @Test
    void jsonHasEveryFieldTheEngineTableScriptReads() {
        assertEquals("{\"engine\":\"dl4j\",\"backend\":\"dl4j: CPU (OPENBLAS, 2 threads)\",\"arch\":\"k1c2\","
                + "\"input\":[8,32],\"tags\":3,\"widths\":[2,2,3,3,4,4],\"params\":12345,\"batch\":2,\"warmup\":1,"
                + "\"step_seconds\":[0.25,0.5,0.125],\"median_s\":0.25,\"mean_s\":0.2916666666666667,"
                + "\"loss\":0.6931,\"peak_rss_bytes\":1500000000}", report(OptionalLong.of(1_500_000_000L)).json());
        assertTrue(report(OptionalLong.empty()).json().endsWith("\"peak_rss_bytes\":null}"));
    }
}
