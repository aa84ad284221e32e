package dev.keyway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Everything logged through Logback (and JUL, bridged) while it is open: a ListAppender on the root
 * logger, the root at the level asked for and Keyway's own loggers at DEBUG. Lines of the in-JVM authorization server are
 * left out: they are the external service's logs, not Keyway's.
 */
public final class LogCapture implements AutoCloseable {
    private static final List<String> NOT_KEYWAY = List.of("no.nav.security", "mockwebserver3", "okhttp3.mockwebserver");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger keyway = (Logger) LoggerFactory.getLogger("dev.keyway");
    private final Level rootLevel = root.getLevel();
    private final Level keywayLevel = keyway.getLevel();

    private final boolean bridged = !SLF4JBridgeHandler.isInstalled();

    private LogCapture(Level level) {
        if (bridged) {
            SLF4JBridgeHandler.install(); // Helidon and Tink log through JUL, as Keyway's Cli routes them
        }
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        root.setLevel(level);
        keyway.setLevel(Level.DEBUG);
    }

    /** Starts capturing; the root logger goes down to {@code level}, Keyway's own loggers to DEBUG. */
    public static LogCapture start(Level level) {
        return new LogCapture(level);
    }

    /** Every captured line: logger, formatted message, and any throwable with its causes and frames. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            if (NOT_KEYWAY.stream().anyMatch(p -> e.getLoggerName().startsWith(p))) {
                continue;
            }
            StringBuilder line = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append(" ").append(frame.getSTEAsString());
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(rootLevel);
        keyway.setLevel(keywayLevel);
        if (bridged) {
            SLF4JBridgeHandler.uninstall();
        }
    }
}
