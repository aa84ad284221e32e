package dev.keyway.hook;

/**
 * Wakes the delivery loops that sleep: every loop waiting when {@link #raise()} is called wakes, and a
 * raise between a loop's look for work and its wait is not lost (the loop compares what it {@link #seen()}).
 */
final class Signal {
    private long raised;

    synchronized long seen() {
        return raised;
    }

    synchronized void raise() {
        raised++;
        notifyAll();
    }

    /** Returns when raised after {@code seen}, or after {@code millis} (0: no limit), or spuriously. */
    synchronized void await(long seen, long millis) throws InterruptedException {
        if (raised == seen) {
            wait(millis);
        }
    }
}
