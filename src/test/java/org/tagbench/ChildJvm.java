package org.tagbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM that runs a class of this test JVM's classpath, as the tests that kill, interrupt
 * or race real processes start them. The child compiles with C1 only: such a child lives for seconds, too short for
 * C2's compiling to pay, and C1 alone cut a tiny {@code tagbench run}'s CPU time by about 40% (docs/benchmarks.md,
 * "Test suite", session 21). It changes speed only: Java's floating point is the same at every tier, and the
 * engines' is native.
 */
public final class ChildJvm {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private ChildJvm() {
    }

    /** {@code java}, {@code options}, this classpath, {@code main} and {@code args}, ready for a ProcessBuilder. */
    public static List<String> command(List<String> options, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), C1_ONLY));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** As {@link #command(List, Class, String...)} without options of the caller's. */
    public static List<String> command(Class<?> main, String... args) {
        return command(List.of(), main, args);
    }
}
