package org.tagbench.report;

import org.tagbench.metrics.DeLongComparison;

/** DeLong's test of one tag between two architectures, with its Holm-corrected p-value (NaN when not tested). */
public record TagComparison(String tag, DeLongComparison test, double holmP) {

    /** Why the tag was not tested, or empty when it was. */
    public String note() {
        if (!test.defined()) {
            return "undefined: one class in the test split";
        }
        return test.tested() ? "" : "not tested: fewer than 2 positives or negatives";
    }
}
