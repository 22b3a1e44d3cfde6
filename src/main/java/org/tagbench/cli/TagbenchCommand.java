package org.tagbench.cli;

import org.tagbench.experiment.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tagbench} command: train, evaluate and record music auto-tagging experiments. */
@Command(name = "tagbench", mixinStandardHelpOptions = true, versionProvider = TagbenchCommand.Version.class,
        description = "Train and evaluate music auto-tagging models from one experiment config.",
        subcommands = {RunCommand.class, EvalCommand.class, DataCommand.class, MetricsCommand.class, MelCommand.class, BenchCommand.class, ModelCommand.class, RunsCommand.class, SweepCommand.class, CommandLine.HelpCommand.class})
public final class TagbenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** {@code --verbose}, accepted before or after the subcommand's name. */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Also print debug lines (and the libraries' notes) on standard error.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            ConsoleLogging.verbose();
        }
    }

    /** Runs the command line and exits with its code (0 done, 1 a file failed, 2 bad input, 3 --strict findings). */
    public static void main(String[] args) {
        CommandLine command = commandLine();
        int code;
        try {
            code = command.execute(args);
        } catch (OutOfMemoryError e) {
            code = UserErrors.onOutOfMemory(e, command);
        }
        System.exit(code);
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine command = new CommandLine(new TagbenchCommand())
                .setParameterExceptionHandler(UserErrors::onBadArguments)
                .setExecutionExceptionHandler(UserErrors::onFailure);
        UserErrors.listExitCodes(command);
        return command;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints tagbench's version and the Java runtime it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tagbench " + Versions.tagbench(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
