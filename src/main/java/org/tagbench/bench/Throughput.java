package org.tagbench.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** How fast a task went through a number of clips: one line of a benchmark's report. */
public record Throughput(String what, int clips, double seconds) {

    /** Work to time, which may fail with a checked exception (an unreadable file, say). */
    @FunctionalInterface
    public interface Task<E extends Exception> {
        /** Does the work once. */
        void run() throws E;
    }

    /** Times one run of {@code task}, which goes through {@code clips} clips. */
    public static <E extends Exception> Throughput measure(String what, int clips, Task<E> task) throws E {
        long start = System.nanoTime();
        task.run();
        return new Throughput(what, clips, (System.nanoTime() - start) / 1e9);
    }

    /** Clips per second. */
    public double clipsPerSecond() {
        return clips / seconds;
    }

    /** The report line: what was measured, clips per second, clips and seconds. */
    public String line() {
        return String.format(Locale.ROOT, "%-64s %8.1f clips/s  (%d clips in %.2f s)", what, clipsPerSecond(), clips,
                seconds);
    }

    /** Prints {@link #line()} at once, so that a long benchmark shows each figure as it is measured. */
    public void printTo(PrintWriter out) {
        out.println(line());
        out.flush();
    }
}
