package org.tagbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import org.tagbench.audio.AudioException;
import org.tagbench.config.ConfigException;
import org.tagbench.data.DatasetException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How failures reach the user: bad input (arguments, config, data) as one line on standard error with exit
 * code 2; anything else is a bug, shown with its stack trace and exit code 1.
 */
final class UserErrors {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    private UserErrors() {
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
     */
    static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigException || e instanceof DatasetException || e instanceof AudioException) {
            cmd.getErr().println(e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            Throwable io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            cmd.getErr().println("tagbench: cannot use a file: " + describe(io));
            return FAILURE;
        }
        throw e;
    }

    /** An I/O problem in words: Java's bare messages (just a path, for some exceptions) get their kind added. */
    private static String describe(Throwable io) {
        String kind = io.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return io instanceof FileSystemException fs && fs.getReason() == null ? fs.getFile() + " (" + kind + ")"
                : io.getMessage();
    }
}
