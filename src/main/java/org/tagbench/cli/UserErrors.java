package org.tagbench.cli;

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

    private UserErrors() {
    }

    /** Unknown options or missing parameters: one line and a pointer to --help. */
    static int onBadArguments(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("tagbench: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        return BAD_INPUT;
    }

    /** Exceptions from a command: bad input as one line, anything else with its stack trace. */
    static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigException || e instanceof DatasetException || e instanceof AudioException) {
            cmd.getErr().println(e.getMessage());
            return BAD_INPUT;
        }
        throw e;
    }
}
