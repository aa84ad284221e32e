package dev.keyway.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Hooks in the database; settings as a JSON column. Every read by account filters on the account. */
public final class Hooks {
    private static final String COLUMNS = "id, account_id, name, active, connection_id, settings, created_at, updated_at";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public Hooks(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public void insert(Handle h, Hook k) {
        h.createUpdate("insert into hooks (" + COLUMNS + ") values (:id, :account, :name, :active, :connection, :settings, :at, :at)")
                .bind("id", k.id().value()).bind("account", k.account().value()).bind("name", k.settings().name())
                .bind("active", k.settings().active()).bind("at", k.createdAt())
                .bind("connection", k.settings().connectionId() == null ? null : k.settings().connectionId().value())
                .bind("settings", write(k.settings())).execute();
    }

    public void update(Handle h, Hook k) {
        h.createUpdate("update hooks set name = :name, active = :active, connection_id = :connection, settings = :settings, "
                        + "updated_at = :at where id = :id")
                .bind("id", k.id().value()).bind("name", k.settings().name()).bind("active", k.settings().active())
                .bind("connection", k.settings().connectionId() == null ? null : k.settings().connectionId().value())
                .bind("settings", write(k.settings())).bind("at", k.updatedAt()).execute();
    }

    public Optional<Hook> find(AccountId account, HookId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from hooks where id = :id and account_id = :account")
                .bind("id", id.value()).bind("account", account.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    public Optional<Hook> findAny(HookId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from hooks where id = :id")
                .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    /** The hooks of the account that send with the connection, as "hook name (id)". */
    public List<String> namesUsing(AccountId account, ConnectionId connection) {
        return jdbi.withHandle(h -> h.createQuery("select id, name from hooks where account_id = :account "
                        + "and connection_id = :connection order by created_at, id")
                .bind("account", account.value()).bind("connection", connection.value())
                .map((rs, ctx) -> "hook " + rs.getString("name") + " (" + rs.getString("id") + ")").list());
    }

    public List<Hook> list(AccountId account) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from hooks where account_id = :account "
                + "order by created_at, id").bind("account", account.value()).map((rs, ctx) -> read(rs)).list());
    }

    public List<Hook> active(AccountId account) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from hooks where account_id = :account and active")
                .bind("account", account.value()).map((rs, ctx) -> read(rs)).list());
    }

    public boolean nameTaken(Handle h, AccountId account, String name, HookId except) {
        return h.createQuery("select count(*) from hooks where account_id = :account and name = :name and id <> :except")
                .bind("account", account.value()).bind("name", name).bind("except", except == null ? "" : except.value())
                .mapTo(Integer.class).one() > 0;
    }

    public boolean delete(AccountId account, HookId id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from hooks where id = :id and account_id = :account")
                .bind("id", id.value()).bind("account", account.value()).execute() == 1);
    }

    private String write(HookSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventTypes", s.eventTypes());
        m.put("filters", s.filters().view());
        m.put("url", s.url().toString());
        m.put("maxBatchSize", s.maxBatchSize());
        m.put("timeoutSeconds", s.timeoutSeconds());
        m.put("successRegex", s.successRegex());
        m.put("customData", s.customData().templates());
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Hook read(ResultSet rs) throws SQLException {
        JsonNode s;
        try {
            s = json.readTree(rs.getString("settings"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hook " + rs.getString("id") + " has unreadable settings", e);
        }
        Map<String, String> custom = new LinkedHashMap<>();
        s.path("customData").properties().forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
        List<String> types = json.convertValue(s.get("eventTypes"), json.getTypeFactory().constructCollectionType(List.class, String.class));
        String connection = rs.getString("connection_id");
        HookSettings settings = new HookSettings(rs.getString("name"), rs.getBoolean("active"), types,
                Filters.read((ObjectNode) s.get("filters")), URI.create(s.get("url").asText()),
                connection == null ? null : new ConnectionId(connection), s.get("maxBatchSize").asInt(),
                s.get("timeoutSeconds").asInt(), s.path("successRegex").isTextual() ? s.get("successRegex").asText() : null,
                CustomData.of(custom));
        return new Hook(new HookId(rs.getString("id")), new AccountId(rs.getString("account_id")), settings,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
