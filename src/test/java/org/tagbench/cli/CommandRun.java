package org.tagbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the tagbench command line in-process: its exit code, standard output and standard error. */
record CommandRun(int code, String out, String err) {

    /** Runs {@code tagbench args...}. */
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TagbenchCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
