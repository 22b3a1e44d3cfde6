package org.tagbench.train;

import org.tagbench.metrics.TagMetrics;

/** Track-level metrics of one split and the mean binary cross-entropy of its chunk predictions. */
public record Evaluation(TagMetrics metrics, double loss) {
}
