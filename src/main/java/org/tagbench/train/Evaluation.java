package org.tagbench.train;

import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TrackScores;

/**
 * Track-level metrics of one split, the per-track scores they are computed from, and the mean binary cross-entropy
 * of its chunk predictions.
 */
public record Evaluation(TagMetrics metrics, double loss, TrackScores scores) {
}
