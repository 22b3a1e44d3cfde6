package org.tagbench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much the log says on standard error: logback.xml keeps it quiet (tagbench's notes, libraries' warnings);
 * {@code --verbose} adds tagbench's debug lines and the libraries' INFO.
 */
final class ConsoleLogging {
    private static final String TAGBENCH = "org.tagbench";

    private ConsoleLogging() {
    }

    /** Shows tagbench's DEBUG lines and every library's INFO from now on, for the rest of the process. */
    static void verbose() {
        level(Level.DEBUG, Level.INFO);
    }

    private static void level(Level tagbench, Level libraries) {
        // Another SLF4J binding on the class path (tagbench as a library) keeps its own configuration.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(TAGBENCH).setLevel(tagbench);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(libraries);
        }
    }
}
