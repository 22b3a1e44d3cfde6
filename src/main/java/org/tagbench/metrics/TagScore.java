package org.tagbench.metrics;

/** One tag's ROC-AUC and PR-AUC with its positive count; the metrics are NaN where the tag is undefined. */
public record TagScore(String tag, int positives, double rocAuc, double prAuc) {

    /** Whether the split held both classes of this tag, so its metrics are defined. */
    public boolean defined() {
        return !Double.isNaN(rocAuc);
    }
}
