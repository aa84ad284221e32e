package dev.keyway.feed;

import java.util.ArrayList;
import java.util.List;

/** What a run did to the catalogue, counted per offer; keeps the first reasons of the rejects. */
public final class Counts {
    public static final int REASONS_KEPT = 10;

    int read;
    int created;
    int updated;
    int unchanged;
    int rejected;
    int madeUnavailable;
    final List<String> reasons = new ArrayList<>();

    void reject(String offerId, String reason) {
        rejected++;
        if (reasons.size() < REASONS_KEPT) {
            reasons.add(offerId == null ? reason : "offer " + (offerId.length() > 60 ? offerId.substring(0, 60) + "…" : offerId)
                    + ": " + reason);
        }
    }

    public int read() {
        return read;
    }

    public int created() {
        return created;
    }

    public int updated() {
        return updated;
    }

    public int unchanged() {
        return unchanged;
    }

    public int rejected() {
        return rejected;
    }

    public int madeUnavailable() {
        return madeUnavailable;
    }

    public List<String> reasons() {
        return List.copyOf(reasons);
    }
}
