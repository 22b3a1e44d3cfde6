package org.tagbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tagbench.audio.AudioException;
import org.tagbench.config.ConfigException;
import org.tagbench.data.DatasetException;
import org.tagbench.results.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How failures reach the user: bad input (arguments, config, data) as one line on standard error with exit
 * code 2; a file that cannot be read or written as one line naming it with exit code 1; anything else is a bug,
 * shown with its stack trace. Every command's help lists these codes.
 */
final class UserErrors {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;
    /** {@code data check --strict} and {@code data cache --strict} found a missing or unreadable track. */
    static final int STRICT_FINDINGS = 3;

    private UserErrors() {
    }

    /** Adds the "Exit codes" section to the help of {@code command} and of all its subcommands. */
    static void listExitCodes(CommandLine command) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Done.");
        codes.put(String.valueOf(FAILURE), "A file could not be read or written (the one-line error names it), or "
                + "memory ran out, or the results store could not be used.");
        codes.put(String.valueOf(BAD_INPUT), "Bad input: an option, the config, the dataset or an audio file (the "
                + "one-line error names it and what was expected).");
        if (command.getCommandSpec().findOption("--strict") != null) {
            codes.put(String.valueOf(STRICT_FINDINGS), "--strict and a track is missing or unreadable (listed in "
                    + "bad-files.tsv).");
        }
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        command.getSubcommands().values().forEach(UserErrors::listExitCodes);
    }

    /**
     * Settings too large for the Java heap (e.g. an enormous n_fft), also when a worker thread ran out and the error
     * reached the command wrapped: one line saying so (exit 1).
     */
    static int onOutOfMemory(OutOfMemoryError e, CommandLine cmd) {
        cmd.getErr().printf(Locale.ROOT, "tagbench: out of memory (%s) with a Java heap of %.1f GB: use smaller "
                + "settings, or a larger heap with JAVA_OPTS=-Xmx<size>%n", e.getMessage(),
                Runtime.getRuntime().maxMemory() / 1e9);
        cmd.getErr().flush();
        return FAILURE;
    }

    /** Unknown options or missing parameters: one line and a pointer to --help. */
    static int onBadArguments(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("tagbench: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        return BAD_INPUT;
    }

    /**
     * Exceptions from a command: bad input as one line (exit 2); a file that cannot be written or read (a full
     * disk, a folder that is a file) as one line naming it (exit 1); anything else, a bug, with its stack trace.
     * The cause chain is searched, so a problem that crossed a thread or a lambda in a wrapper is still shown.
     */
    static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException || cause instanceof DatasetException
                    || cause instanceof AudioException) {
                cmd.getErr().println(cause.getMessage());
                return BAD_INPUT;
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError memory) {
                return onOutOfMemory(memory, cmd);
            }
            if (cause instanceof StoreException store) {
                cmd.getErr().println("tagbench: " + store.getMessage());
                return FAILURE;
            }
        }
        Throwable io = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileSystemException) {
                io = cause;
                break;
            }
            if (io == null && (cause instanceof IOException || cause instanceof UncheckedIOException)) {
                io = cause;
            }
        }
        if (io != null) {
            cmd.getErr().println("tagbench: cannot use a file: " + describe(io));
            return FAILURE;
        }
        throw e;
    }

    /**
     * An I/O problem in words, naming the file: the first exception of the chain that names one, else the first
     * with a message of its own; Java's bare messages (just a path, for some exceptions) get their kind added.
     */
    private static String describe(Throwable io) {
        if (io instanceof UncheckedIOException unchecked
                && unchecked.getMessage().equals(String.valueOf(unchecked.getCause()))) {
            return describe(unchecked.getCause());
        }
        String kind = io.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        if (io instanceof FileSystemException fs && fs.getReason() == null) {
            return fs.getFile() + " (" + kind + ")";
        }
        return io.getMessage() != null ? io.getMessage() : kind;
    }
}
