package dev.keyway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.store.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The history of runs of each import. */
public final class ImportRuns {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public ImportRuns(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Records a run as started (status running); {@link #finish} writes its outcome. */
    public void start(AccountId account, ImportRun run) {
        jdbi.useHandle(h -> h.createUpdate("insert into import_runs (id, import_id, account_id, trigger_kind, status, started_at, "
                        + "heartbeat_at) values (:id, :import, :account, :trigger, :status, :at, :at)")
                .bind("id", run.id().value()).bind("import", run.importId().value()).bind("account", account.value())
                .bind("trigger", run.trigger()).bind("status", run.status()).bind("at", run.startedAt()).execute());
    }

    public void finish(ImportRun run) {
        jdbi.useHandle(h -> h.createUpdate("update import_runs set status = :status, finished_at = :finished, "
                        + "http_status = :http, offers_read = :read, created = :created, updated = :updated, "
                        + "unchanged = :unchanged, rejected = :rejected, made_unavailable = :gone, rejects = :rejects, "
                        + "duration_ms = :ms, error = :error where id = :id")
                .bind("id", run.id().value()).bind("status", run.status()).bind("finished", run.finishedAt())
                .bind("http", run.httpStatus()).bind("read", run.offersRead()).bind("created", run.created())
                .bind("updated", run.updated()).bind("unchanged", run.unchanged()).bind("rejected", run.rejected())
                .bind("gone", run.madeUnavailable()).bind("rejects", write(run.rejects())).bind("ms", run.durationMs())
                .bind("error", run.error() == null || run.error().length() <= 2000 ? run.error() : run.error().substring(0, 2000))
                .execute());
    }

    /** Scheduled runs of an import still "running" (their instance stopped mid-run: db-scheduler revived them) become failed. */
    public int failCutOff(ImportId importId, java.time.Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("update import_runs set status = 'failed', finished_at = :at, "
                        + "error = :error where import_id = :import and status = 'running' and trigger_kind = 'schedule'")
                .bind("at", at).bind("import", importId.value())
                .bind("error", "cut off before it finished (the Keyway instance running it stopped); the catalogue is as it was "
                        + "and the run was started again").execute());
    }

    /** A run in progress says it is alive (every {@link ImportRunner#HEARTBEAT}). */
    public void beat(RunId run, java.time.Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update import_runs set heartbeat_at = :at where id = :id and status = 'running'")
                .bind("at", at).bind("id", run.value()).execute());
    }

    /**
     * Manual runs still "running" whose heartbeat stopped before {@code staleBefore} (their instance
     * crashed or was killed mid-run) become failed; the catalogue is as it was (the merge is one
     * transaction). Scheduled runs are left to {@link #failCutOff}, which runs them again.
     */
    public int failStale(java.time.Instant at, java.time.Instant staleBefore) {
        return jdbi.withHandle(h -> h.createUpdate("update import_runs set status = 'failed', finished_at = :at, error = :error "
                        + "where status = 'running' and trigger_kind = 'manual' and coalesce(heartbeat_at, started_at) < :stale")
                .bind("at", at).bind("stale", staleBefore)
                .bind("error", "cut off before it finished (the Keyway instance running it stopped); the catalogue is as it was")
                .execute());
    }

    /** The newest first. */
    public List<ImportRun> list(ImportId importId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select * from import_runs where import_id = :import "
                        + "order by started_at desc, id desc limit :limit")
                .bind("import", importId.value()).bind("limit", limit).map((rs, ctx) -> read(rs)).list());
    }

    private ImportRun read(ResultSet rs) throws SQLException {
        String rejects = rs.getString("rejects");
        return new ImportRun(new RunId(rs.getString("id")), new ImportId(rs.getString("import_id")), rs.getString("trigger_kind"),
                rs.getString("status"), rs.getTimestamp("started_at").toInstant(), Rows.instant(rs.getTimestamp("finished_at")),
                (Integer) rs.getObject("http_status", Integer.class), rs.getInt("offers_read"), rs.getInt("created"),
                rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("rejected"), rs.getInt("made_unavailable"),
                rejects == null ? List.of() : read(rejects), (Long) rs.getObject("duration_ms", Long.class), rs.getString("error"));
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(List<String> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
