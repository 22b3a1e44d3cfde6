package org.tagbench.report;

import java.util.Locale;

/** Parameter budgets as people write them: 100k, 250k, 1M, 3M. */
final class Budgets {
    private Budgets() {
    }

    /** {@code budget} with a k or M suffix where it is a whole number of them, else the plain number. */
    static String label(long budget) {
        if (budget >= 1_000_000 && budget % 100_000 == 0) {
            return trim(budget / 1e6) + "M";
        }
        if (budget >= 1_000 && budget % 100 == 0) {
            return trim(budget / 1e3) + "k";
        }
        return Long.toString(budget);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
