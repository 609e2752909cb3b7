package dev.petdb.kit.logging;

import java.util.logging.LogManager;

/**
 * The JDK resets logging from a shutdown hook of its own, racing the app's hook that logs the graceful stop; those
 * lines would be lost. This manager turns that one reset into a flush, so buffered lines still reach stdout.
 * {@link dev.petdb.kit.PetApp} names it as the JVM's log manager before logging starts (by name: touching this
 * class would start the JDK's manager first); with {@code -Djava.util.logging.manager} set, that choice wins.
 */
public final class ShutdownSafeLogManager extends LogManager {
    private static final String JDK_CLEANER = "java.util.logging.LogManager$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            StdoutHandler.flushAll();
            return;
        }
        super.reset();
    }
}
