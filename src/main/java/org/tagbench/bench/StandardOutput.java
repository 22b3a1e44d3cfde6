package org.tagbench.bench;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * SameDiff (DL4J's GRU) prints a line per op to standard output while it builds gradients, and no setting
 * silences it: a benchmark that trains sends {@code System.out} to standard error meanwhile, so that its report
 * (written to a writer taken before) stays alone on standard output.
 */
final class StandardOutput {
    private StandardOutput() {
    }

    /** What {@code work} returns, with {@code System.out} sent to {@code System.err} while it runs. */
    static <T> T toErrorDuring(Supplier<T> work) {
        PrintStream original = System.out;
        System.setOut(System.err);
        try {
            return work.get();
        } finally {
            System.setOut(original);
        }
    }
}
