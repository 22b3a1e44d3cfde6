package org.tagbench.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tagbench.experiment.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tagbench} command: train, evaluate and record music auto-tagging experiments. */
@Command(name = "tagbench", mixinStandardHelpOptions = true, versionProvider = TagbenchCommand.Version.class,
        description = "Train and evaluate music auto-tagging models from one experiment config.")
public final class TagbenchCommand implements Runnable {
    /**
     * The subcommands by name, in the order the help lists them. Building picocli's model of every subcommand costs
     * more than a short command's own work (`runs` over 10,000 runs), so a command line naming one builds only it.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

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
        CommandLine command = commandLine(args);
        int code;
        try {
            code = command.execute(args);
        } catch (OutOfMemoryError e) {
            code = UserErrors.onOutOfMemory(e, command);
        }
        System.exit(code);
    }

    /** The configured command line with every subcommand, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: with only the subcommand they name, or every subcommand when they
     * name none (help, a typo: picocli then lists or suggests the others).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine command = new CommandLine(new TagbenchCommand())
                .setParameterExceptionHandler(UserErrors::onBadArguments)
                .setExecutionExceptionHandler(UserErrors::onFailure);
        // The top level's options take no value, so the first word that is not an option names the subcommand.
        String named = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
        if (SUBCOMMANDS.containsKey(named) && !named.equals("help")) {
            command.addSubcommand(named, SUBCOMMANDS.get(named));
        } else {
            SUBCOMMANDS.forEach(command::addSubcommand);
        }
        UserErrors.listExitCodes(command);
        return command;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand.class);
        commands.put("eval", EvalCommand.class);
        commands.put("predict", PredictCommand.class);
        commands.put("embed", EmbedCommand.class);
        commands.put("robustness", RobustnessCommand.class);
        commands.put("data", DataCommand.class);
        commands.put("metrics", MetricsCommand.class);
        commands.put("mel", MelCommand.class);
        commands.put("bench", BenchCommand.class);
        commands.put("model", ModelCommand.class);
        commands.put("runs", RunsCommand.class);
        commands.put("sweep", SweepCommand.class);
        commands.put("compare", CompareCommand.class);
        commands.put("export", ExportCommand.class);
        commands.put("probe", ProbeCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
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
