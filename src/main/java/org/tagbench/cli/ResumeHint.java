package org.tagbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.tagbench.results.RunLog;

/**
 * While a run is armed, a SIGINT or SIGTERM (ctrl-C, kill, a batch system's time limit) marks it interrupted in the
 * results store and prints the command that continues it, {@code tagbench run --resume DIR}, as the JVM shuts down.
 * Closing it disarms the hint.
 */
final class ResumeHint implements AutoCloseable {
    /** Characters a shell passes through unquoted. */
    private static final String PLAIN = "[A-Za-z0-9_./:@%+=,-]+";

    private final PrintWriter err;
    private Thread hook;

    /** A hint printed on {@code err} once armed. */
    ResumeHint(PrintWriter err) {
        this.err = err;
    }

    /** From now until {@link #close()}, an interrupted JVM marks {@code run} interrupted and names its folder. */
    void arm(RunLog run) {
        Path folder = run.folder();
        hook = new Thread(() -> {
            run.interrupted();
            // On a terminal the progress bar holds the cursor at the end of its line.
            err.println((System.console() != null ? System.lineSeparator() : "")
                    + "interrupted; continue with: tagbench run --resume " + shellWord(folder.toString()));
            err.flush();
        }, "tagbench-resume-hint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is going down: the hook has run or is running, which is what it is for.
        }
    }

    /** {@code word} as one shell word: as it is when plain, else single-quoted. */
    static String shellWord(String word) {
        return word.matches(PLAIN) ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
