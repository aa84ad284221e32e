package dev.keyway.hook;

/**
 * A hook's counts. {@code held}: its connection needs reconnection, so its pending events and
 * batches wait (nothing is sent) until it is connected again.
 */
public record HookStats(int pendingEvents, int pendingBatches, int inFlight, int delivered, int dead, boolean held) { }
