package dev.keyway.feed;

import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionId;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A scheduled import of a product feed: where the feed is, which connection's credentials fetch it
 * (none for a public feed), what it writes, when it runs. {@code etag} and {@code lastModified} are
 * the validators of the last feed imported, sent back on the next fetch.
 */
public record FeedImport(ImportId id, AccountId account, String name, URI url, ConnectionId connectionId, ImportMode mode,
                         FeedSchedule schedule, ZoneId timeZone, boolean active, String etag, String lastModified,
                         Instant lastRunAt, String lastError, Instant lastErrorAt, Instant createdAt, Instant updatedAt) {

    public FeedImport withSettings(String name, URI url, ConnectionId connectionId, ImportMode mode, FeedSchedule schedule,
                                   ZoneId timeZone, boolean active, Instant at) {
        boolean sameFeed = url.equals(this.url) && java.util.Objects.equals(connectionId, this.connectionId);
        return new FeedImport(id, account, name, url, connectionId, mode, schedule, timeZone, active,
                sameFeed ? etag : null, sameFeed ? lastModified : null, lastRunAt, lastError, lastErrorAt, createdAt, at);
    }
}
