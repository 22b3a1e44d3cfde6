package org.tagbench.results;

/**
 * A sweep cell as the store records it.
 *
 * @param overrides JSON: the cell's value of each grid key
 * @param experimentKey its config's experiment key, which names the cell within its sweep
 * @param heartbeatSeconds its config's {@code results.heartbeat_seconds}: a claim is given up after three silent ones
 */
public record SweepCellSpec(String overrides, String experimentKey, int heartbeatSeconds) {
}
