package org.tagbench.report;

import java.util.List;
import org.tagbench.metrics.MeanInterval;
import org.tagbench.results.FinishedRun;
import org.tagbench.train.EpochRecord;

/**
 * One architecture at one budget over its seeds: test macro ROC-AUC and PR-AUC (mean, 95% interval, n), exact
 * parameters (the smallest and largest, equal unless the runs' configs differed), training time and epochs.
 */
public record SummaryRow(Cell cell, MeanInterval rocAuc, MeanInterval prAuc, long paramsLow, long paramsHigh,
                         MeanInterval trainingSeconds, double epochs, double secondsPerEpoch) {

    /** The row of {@code cell}. */
    public static SummaryRow of(Cell cell) {
        List<FinishedRun> runs = cell.runs();
        return new SummaryRow(cell, over(runs.stream().mapToDouble(FinishedRun::testRocAuc).toArray()),
                over(runs.stream().mapToDouble(FinishedRun::testPrAuc).toArray()),
                runs.stream().mapToLong(FinishedRun::params).min().orElseThrow(),
                runs.stream().mapToLong(FinishedRun::params).max().orElseThrow(),
                over(runs.stream().mapToDouble(FinishedRun::trainingSeconds).toArray()),
                runs.stream().mapToInt(r -> r.epochs().size()).average().orElseThrow(),
                runs.stream().mapToDouble(r -> r.epochs().stream().mapToDouble(EpochRecord::seconds).average()
                        .orElse(Double.NaN)).average().orElseThrow());
    }

    /** The mean and interval of {@code values} over seeds; all NaN when one is (an undefined metric). */
    static MeanInterval over(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return new MeanInterval(values.length, Double.NaN, Double.NaN, Double.NaN);
            }
        }
        return MeanInterval.of(values);
    }

    /** The exact parameter count, or its range when the runs differ. */
    public String params() {
        return paramsLow == paramsHigh ? Long.toString(paramsLow) : paramsLow + "-" + paramsHigh;
    }

    /** The mean exact parameter count, for plotting. */
    public double meanParams() {
        return cell.runs().stream().mapToLong(FinishedRun::params).average().orElseThrow();
    }
}
