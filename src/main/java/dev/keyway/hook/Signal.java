package dev.keyway.hook;

/**
 * Wakes the delivery loops that sleep: all of them ({@link #raise()}) or as many as there is work for
 * ({@link #raise(int)}); a raise between a loop's look for work and its wait is not lost (the loop compares what
 * it {@link #seen()}).
 */
final class Signal {
    private long raised;

    synchronized long seen() {
        return raised;
    }

    /** Wakes every sleeping loop. */
    synchronized void raise() {
        raised++;
        notifyAll();
    }

    /** Wakes at most {@code loops} sleeping loops (a loop that was busy sees the raise when it looks next). */
    synchronized void raise(int loops) {
        raised++;
        for (int i = 0; i < loops; i++) {
            notify();
        }
    }

    /** Returns when raised after {@code seen}, or after {@code millis} (0: no limit), or spuriously. */
    synchronized void await(long seen, long millis) throws InterruptedException {
        if (raised == seen) {
            wait(millis);
        }
    }
}
