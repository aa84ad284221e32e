package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.account.AccountId;
import java.time.Instant;
import java.util.regex.Pattern;

/** An action hook: which events of an account go where, how they are batched, what counts as success. */
public record Hook(HookId id, AccountId account, HookSettings settings, Instant createdAt, Instant updatedAt,
                   Pattern success) {

    public Hook(HookId id, AccountId account, HookSettings settings, Instant createdAt, Instant updatedAt) {
        this(id, account, settings, createdAt, updatedAt,
                settings.successRegex() == null ? null : Pattern.compile(settings.successRegex()));
    }

    /** Whether {@code event} (valid, see {@link Events}) goes to this hook: its type and the filters. */
    public boolean wants(JsonNode event, String type) {
        return (settings.eventTypes().contains(type) || settings.eventTypes().contains("*")) && settings.filters().pass(event);
    }

    /** Success: a 2xx answer whose body, when a success regex is set, contains a match. */
    public boolean succeeded(int status, String excerpt) {
        return status >= 200 && status < 300 && (success == null || success.matcher(excerpt).find());
    }
}
