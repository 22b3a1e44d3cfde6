package org.tagbench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much the log says on standard error. Quiet by default: results go to standard output and progress bars to
 * standard error directly; tagbench's own notes (INFO) are plain lines on standard error and libraries only warn.
 * {@code --verbose} adds tagbench's debug lines and the libraries' INFO. Logback finds this class through
 * {@code META-INF/services}: configured in code rather than by logback.xml, whose XML parsing cost every command
 * about a quarter of a second of start-up (docs/benchmarks.md, "Results store").
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    private static final String TAGBENCH = "org.tagbench";

    /** Made by logback's service loader. */
    public ConsoleLogging() {
    }

    /** Sends tagbench's INFO and the libraries' warnings to standard error, each in its own line form. */
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ch.qos.logback.classic.Logger tagbench = context.getLogger(TAGBENCH);
        tagbench.setLevel(Level.INFO);
        tagbench.setAdditive(false);
        tagbench.addAppender(standardError(context, "TAGBENCH", new ConsoleLine(true)));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(standardError(context, "LIBRARIES", new ConsoleLine(false)));
        // DJL probes for CUDA at start-up and warns on every machine without a usable GPU.
        context.getLogger("ai.djl.util.cuda.CudaUtils").setLevel(Level.ERROR);
        // ND4J warns about duplicates in its own TensorFlow-import op table whenever SameDiff first loads (every
        // dl4j run); tagbench imports no TensorFlow graph.
        context.getLogger("org.nd4j.imports.converters.ImportClassMapping").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> standardError(LoggerContext context, String name,
                                                                ConsoleLine line) {
        line.setContext(context);
        line.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(line);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** Shows tagbench's DEBUG lines and every library's INFO from now on, for the rest of the process. */
    static void verbose() {
        // Another SLF4J binding on the class path (tagbench as a library) keeps its own configuration.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(TAGBENCH).setLevel(Level.DEBUG);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        }
    }

    /**
     * One event as a line: "LEVEL Logger: message", or the bare message for tagbench's INFO, then the stack trace of
     * an attached exception. Written out rather than as a logback pattern, whose parser and converters were a tenth
     * of a short command's start-up (docs/benchmarks.md, "Results store").
     */
    static final class ConsoleLine extends LayoutBase<ILoggingEvent> {
        private final boolean bareInfo;

        ConsoleLine(boolean bareInfo) {
            this.bareInfo = bareInfo;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            if (!(bareInfo && event.getLevel() == Level.INFO)) {
                String logger = event.getLoggerName();
                line.append(event.getLevel()).append(' ').append(logger.substring(logger.lastIndexOf('.') + 1))
                        .append(": ");
            }
            line.append(event.getFormattedMessage()).append(System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
            }
            return line.toString();
        }
    }
}
