package dev.keyway.feed;

import java.time.Instant;
import java.util.List;

/**
 * One run of an import and what it did. {@code status}: running, succeeded, unchanged (the feed
 * answered 304: nothing read, nothing written) or failed (the catalogue is as it was before).
 */
public record ImportRun(RunId id, ImportId importId, String trigger, String status, Instant startedAt, Instant finishedAt,
                        Integer httpStatus, int offersRead, int created, int updated, int unchanged, int rejected,
                        int madeUnavailable, List<String> rejects, Long durationMs, String error) {
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILED = "failed";
}
