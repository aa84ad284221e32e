package dev.keyway.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.AccountId;
import dev.keyway.apicall.AllowedUrls;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.problem.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Feed imports of an account: create, list, read, edit, delete, run now, history of runs. */
public final class FeedImportService {
    public static final int RUNS_LISTED = 50;

    private final Jdbi jdbi;
    private final FeedImports imports;
    private final ImportRuns runs;
    private final ConnectionRepository connections;
    private final ImportRunner runner;
    private final ImportSchedules schedules;
    private final Clock clock;

    public FeedImportService(Jdbi jdbi, FeedImports imports, ImportRuns runs, ConnectionRepository connections,
                             ImportRunner runner, ImportSchedules schedules, Clock clock) {
        this.jdbi = jdbi;
        this.imports = imports;
        this.runs = runs;
        this.connections = connections;
        this.runner = runner;
        this.schedules = schedules;
        this.clock = clock;
    }

    public FeedImport create(AccountId account, ObjectNode body) {
        ImportSettings s = ImportSettings.read(body, null);
        AllowedUrls.checkUsable(connections, account, s.connectionId(), s.url());
        Instant now = clock.instant();
        FeedImport i = new FeedImport(ImportId.random(), account, s.name(), s.url(), s.connectionId(), s.mode(), s.schedule(),
                s.timeZone(), s.active(), null, null, null, null, null, now, now);
        jdbi.useTransaction(h -> {
            if (imports.nameTaken(h, account, i.name(), null)) {
                throw nameTaken();
            }
            imports.insert(h, i);
        });
        schedules.plan(i, true);
        return i;
    }

    public List<FeedImport> list(AccountId account) {
        return imports.list(account);
    }

    public FeedImport get(AccountId account, ImportId id) {
        return imports.find(account, id).orElseThrow(() -> Problem.notFound("import"));
    }

    public FeedImport update(AccountId account, ImportId id, ObjectNode patch) {
        FeedImport current = get(account, id);
        ImportSettings s = ImportSettings.read(patch, current);
        AllowedUrls.checkUsable(connections, account, s.connectionId(), s.url());
        FeedImport after = current.withSettings(s.name(), s.url(), s.connectionId(), s.mode(), s.schedule(), s.timeZone(),
                s.active(), clock.instant());
        jdbi.useTransaction(h -> {
            if (imports.nameTaken(h, account, after.name(), id)) {
                throw nameTaken();
            }
            imports.update(h, after);
        });
        if (!after.schedule().equals(current.schedule()) || !after.timeZone().equals(current.timeZone())
                || after.active() != current.active()) {
            schedules.plan(after, after.active() && !current.active());
        }
        return after;
    }

    /**
     * A copy of the import's settings under the name "{name} (copy)" (or "(copy 2)"…), paused, so
     * that it does not fetch the same feed on the same schedule before it is edited; no run history,
     * no validators of the last feed.
     */
    public FeedImport cloneOf(AccountId account, ImportId id) {
        FeedImport source = get(account, id);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            String name = null;
            for (int n = 1; name == null || imports.nameTaken(h, account, name, null); n++) {
                String suffix = n == 1 ? " (copy)" : " (copy " + n + ")";
                name = source.name().substring(0, Math.min(source.name().length(), 200 - suffix.length())) + suffix;
            }
            FeedImport copy = new FeedImport(ImportId.random(), account, name, source.url(), source.connectionId(), source.mode(),
                    source.schedule(), source.timeZone(), false, null, null, null, null, null, now, now);
            imports.insert(h, copy);
            return copy;
        });
    }

    /** The account's imports that use the connection (a connection in use cannot be deleted). */
    public List<FeedImport> usingConnection(AccountId account, ConnectionId connection) {
        return imports.usingConnection(account, connection);
    }

    /** Those of them whose last run failed, the newest failure first. */
    public List<FeedImport> failingWith(AccountId account, ConnectionId connection) {
        return imports.usingConnection(account, connection).stream().filter(i -> i.lastError() != null)
                .sorted(java.util.Comparator.comparing(FeedImport::lastErrorAt).reversed()).toList();
    }

    /** The imports that use a connection, for {@link dev.keyway.connection.ConnectionUsers}. */
    public List<String> namesUsing(AccountId account, ConnectionId connection) {
        return usingConnection(account, connection).stream().map(i -> "import " + i.name() + " (" + i.id() + ")").toList();
    }

    public void delete(AccountId account, ImportId id) {
        if (!imports.delete(account, id)) {
            throw Problem.notFound("import");
        }
        schedules.unplan(id);
    }

    /** Runs the import now, whether active or paused, and returns the finished run. */
    public ImportRun runNow(AccountId account, ImportId id) {
        return runner.run(get(account, id), "manual");
    }

    public List<ImportRun> runs(AccountId account, ImportId id) {
        get(account, id);
        return runs.list(id, RUNS_LISTED);
    }

    private static Problem nameTaken() {
        return Problem.conflict("name", "name_taken", "another import of this account has this name");
    }
}
