package org.tagbench.results;

/**
 * One line of {@code tagbench runs}: the run's id, experiment, network, seed, status ({@code stale} for a
 * {@code running} row whose heartbeat is older than three heartbeat intervals), best epoch, test macro ROC-AUC and
 * PR-AUC (NaN until finished) and training seconds.
 */
public record RunSummary(long id, String experiment, String runName, String arch, long budget, Long params,
                         String engine, long seed, String status, Integer bestEpoch, double testRocAuc,
                         double testPrAuc, double trainingSeconds) {
}
