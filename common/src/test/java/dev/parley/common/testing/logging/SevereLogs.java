package dev.parley.common.testing.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every SEVERE record logged through java.util.logging (where Netty and System.Logger
 * write when nothing else is on the class path) while open.
 */
public final class SevereLogs extends Handler implements AutoCloseable {
    private final List<String> records = new CopyOnWriteArrayList<>();

    private SevereLogs() {
        setLevel(Level.SEVERE);
    }

    public static SevereLogs capture() {
        SevereLogs logs = new SevereLogs();
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    /** "logger: message (thrown)" of each SEVERE record so far. */
    public List<String> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
