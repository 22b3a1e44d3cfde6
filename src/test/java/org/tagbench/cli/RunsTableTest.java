package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tagbench.results.RunSummary;

/**
 * The table of {@code tagbench runs}: columns as the header sets them (longer values kept whole), grouped counts,
 * "-" for what a run does not have yet, and numbers rounded exactly as {@code %.Nf} rounds them.
 */
class RunsTableTest {

    @Test
    void rowsLineUpUnderTheHeader() {
        String table = RunsCommand.table(List.of(
                new RunSummary(7, "quickstart", "run-a", "k2c2", 100_000, 100_767L, "pytorch", 42, "finished", 17,
                        0.968153, 0.920437, 123.46),
                new RunSummary(12_345_678, "an-experiment-named-at-length", "run-b", "crnn", 1_000_000, null, "dl4j",
                        3, "running", null, Double.NaN, Double.NaN, Double.NaN)));

        // Written out by Python's % formatting, whose %6s, %-20s, ... pad as Java's do.
        assertEquals(List.of(
                "    id  experiment            arch      budget     params  engine     seed  status       best  ROC-AUC"
                        + "   PR-AUC    train s",
                "     7  quickstart            k2c2     100,000    100,767  pytorch      42  finished       17   0.9682"
                        + "   0.9204      123.5",
                "12345678  an-experiment-named-at-length  crnn   1,000,000          -  dl4j          3  running        "
                        + " -        -        -          -"), table.lines().toList());
        assertEquals(3 * System.lineSeparator().length(), table.length() - table.lines()
                .mapToInt(String::length).sum());
    }

    @Test
    void decimalsRoundAsFormatDoes() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 100_000; i++) {
            double value = i % 2 == 0 ? random.nextDouble() : random.nextDouble(0, 1e6);
            assertEquals(String.format(Locale.ROOT, "%.4f", value), RunsCommand.decimals(value, 4), "" + value);
            assertEquals(String.format(Locale.ROOT, "%.1f", value), RunsCommand.decimals(value, 1), "" + value);
        }
        // Halves in their shortest decimal form, whatever the binary value lies on either side of them.
        for (double tie : new double[] {0.12345, 0.96815, 0.00005, 2.5e-5, 0.99995, 123.45, 1e-7, 1.0E7, 0}) {
            assertEquals(String.format(Locale.ROOT, "%.4f", tie), RunsCommand.decimals(tie, 4), "" + tie);
            assertEquals(String.format(Locale.ROOT, "%.1f", tie), RunsCommand.decimals(tie, 1), "" + tie);
        }
        assertEquals("-", RunsCommand.decimals(Double.NaN, 4));
        for (double negative : new double[] {-0.12345, -3.0, -2.00005}) {
            assertEquals(String.format(Locale.ROOT, "%.4f", negative), RunsCommand.decimals(negative, 4));
        }
    }

    @Test
    void countsAreGroupedAsFormatGroupsThem() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 10_000; i++) {
            long count = random.nextLong() >> random.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", count), RunsCommand.grouped(count), "" + count);
        }
        for (long edge : new long[] {0, 999, 1000, -1000, 999_999, 1_000_000, Long.MAX_VALUE}) {
            assertEquals(String.format(Locale.ROOT, "%,d", edge), RunsCommand.grouped(edge));
        }
    }
}
