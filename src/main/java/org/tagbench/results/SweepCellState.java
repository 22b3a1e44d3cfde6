package org.tagbench.results;

/**
 * A sweep cell as the store holds it, with its run's results once it has one.
 *
 * @param cell the cell's number in its sweep
 * @param overrides JSON: the cell's value of each grid key
 * @param experimentKey its config's experiment key
 * @param status pending, claimed, stale (claimed, its heartbeat older than three intervals), finished or failed
 * @param worker host and pid of the worker that last claimed it, or null
 * @param runId its run's id, or null before its run's row exists
 * @param attempts how many times a worker claimed it
 * @param error a failed cell's one-line error, or null
 * @param testRocAuc its run's test ROC-AUC (macro), NaN until it finished
 * @param seconds its run's wall time from start to end, NaN until it ended
 */
public record SweepCellState(int cell, String overrides, String experimentKey, String status, String worker,
                             Long runId, int attempts, String error, double testRocAuc, double seconds) {
}
