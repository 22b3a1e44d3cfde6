package org.tagbench.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar for a long loop: done/total, throughput and ETA on standard error.
 * On a terminal it redraws one line; elsewhere (CI, pipes) it prints a line every few seconds so logs stay short.
 */
public final class Progress implements AutoCloseable {
    private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long TTY_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();
    private static final int BAR_WIDTH = 24;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawNanos;
    private String status = "";

    private Progress(String label, long total, String unit, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.terminal = terminal;
    }

    /** Starts a bar of {@code total} items counted in {@code unit} (e.g. "clips"), drawn on standard error. */
    public static Progress start(String label, long total, String unit) {
        return new Progress(label, total, unit, System.err, System.console() != null);
    }

    /** Counts one finished item. */
    public synchronized void step() {
        advance(1);
    }

    /** Counts {@code n} finished items. */
    public synchronized void advance(long n) {
        done += n;
        long now = System.nanoTime();
        long interval = terminal ? TTY_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (now - lastDrawNanos >= interval && done < total) {
            draw(now);
        }
    }

    /** Sets a short status shown after the counters (e.g. the running loss). */
    public synchronized void status(String text) {
        status = text;
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        draw(System.nanoTime());
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void draw(long now) {
        lastDrawNanos = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = done > 0 && done < total ? " eta " + clock((total - done) / rate) : "";
        String line = String.format(Locale.ROOT, "%s %s %d/%d %s  %.1f %s/s  %s%s%s",
                label, bar(), done, total, unit, rate, unit, clock(seconds), eta,
                status.isEmpty() ? "" : "  " + status);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String bar() {
        int filled = total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
