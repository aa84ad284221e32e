package dev.keyway.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.apicall.AllowedUrls;
import dev.keyway.apicall.Credential;
import dev.keyway.apicall.Credentials;
import dev.keyway.apicall.EgressProblems;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressException;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.StreamedResponse;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an import once: fetches the feed through the egress guard, streamed, with the connection's
 * credentials (only under its allowedUrl; an oauth2 connection's "token expired" status leads to one
 * refresh and one retry), as a conditional GET with the last feed's ETag / Last-Modified (304: the
 * run is "unchanged" and writes nothing to the catalogue); then parses the feed into staging tables
 * ({@link CatalogueWriter}) and merges them into the catalogue in one transaction
 * ({@link CatalogueMerge}), so that a failure (malformed or truncated feed, lost connection) leaves
 * the catalogue exactly as it was. Every run is recorded with its outcome; a run beats every
 * {@link #HEARTBEAT} so that one cut off by a crash can be told from one in progress.
 */
public final class ImportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    /** How often a run in progress records its heartbeat; a manual run silent for 4 of these was cut off. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final java.util.concurrent.ScheduledExecutorService BEATS = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("import-heartbeat").factory());

    /** Why a run failed, in words for the operator; no secret. */
    private static final class RunFailure extends RuntimeException {
        final Integer httpStatus;

        RunFailure(Integer httpStatus, String message) {
            super(message, null, false, false);
            this.httpStatus = httpStatus;
        }
    }

    private record Fetched(int status, Counts counts) { }

    private final Jdbi jdbi;
    private final FeedImports imports;
    private final ImportRuns runs;
    private final ConnectionRepository connections;
    private final Credentials credentials;
    private final EgressClient egress;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration idleTimeout;

    public ImportRunner(Jdbi jdbi, FeedImports imports, ImportRuns runs, ConnectionRepository connections,
                        Credentials credentials, EgressClient egress, ObjectMapper json, Clock clock, Duration idleTimeout) {
        this.jdbi = jdbi;
        this.imports = imports;
        this.runs = runs;
        this.connections = connections;
        this.credentials = credentials;
        this.egress = egress;
        this.json = json;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** Runs {@code i} now and returns the finished run (failed runs too: a run never throws for the feed's faults). */
    public ImportRun run(FeedImport i, String trigger) {
        RunId id = RunId.random();
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        runs.start(i.account(), new ImportRun(id, i.id(), trigger, ImportRun.RUNNING, started, null, null, 0, 0, 0, 0, 0, 0,
                List.of(), null, null));
        var beating = BEATS.scheduleAtFixedRate(() -> beat(id), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        String status;
        Integer http = null;
        Counts counts = new Counts();
        String error = null;
        try {
            Fetched f = fetchAndWrite(i, id);
            http = f.status();
            counts = f.counts();
            status = f.status() == 304 ? ImportRun.UNCHANGED : ImportRun.SUCCEEDED;
        } catch (RunFailure failure) {
            status = ImportRun.FAILED;
            http = failure.httpStatus;
            error = failure.getMessage();
        } catch (RuntimeException unexpected) {
            LOG.error("import {} run {} failed unexpectedly", i.id(), id, unexpected);
            status = ImportRun.FAILED;
            error = "the run failed unexpectedly (" + unexpected.getClass().getSimpleName() + "); the failure is logged";
        }
        beating.cancel(false);
        Instant finished = clock.instant();
        ImportRun done = new ImportRun(id, i.id(), trigger, status, started, finished, http, counts.read(), counts.created(),
                counts.updated(), counts.unchanged(), counts.rejected(), counts.madeUnavailable(), counts.reasons(),
                (System.nanoTime() - t0) / 1_000_000, error);
        runs.finish(done);
        imports.setLastRun(i.id(), finished, error);
        LOG.info("import {} run {} {}: http {}, read {}, created {}, updated {}, unchanged {}, rejected {}, unavailable {}{}",
                i.id(), id, status, http, done.offersRead(), done.created(), done.updated(), done.unchanged(), done.rejected(),
                done.madeUnavailable(), error == null ? "" : ": " + error);
        return done;
    }

    /** At start: manual runs whose instance stopped mid-run (no heartbeat for 4 beats) are marked failed. */
    public int failCutOffManualRuns() {
        Instant now = clock.instant();
        int cut = runs.failStale(now, now.minus(HEARTBEAT.multipliedBy(4)));
        if (cut > 0) {
            LOG.warn("{} manual import run(s) cut off before they finished (their instance stopped) marked failed", cut);
        }
        return cut;
    }

    private void beat(RunId id) {
        try {
            runs.beat(id, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("import run {}: heartbeat not recorded: {}", id, e.getMessage());
        }
    }

    private Fetched fetchAndWrite(FeedImport i, RunId run) {
        Connection c = i.connectionId() == null ? null : connections.find(i.account(), i.connectionId())
                .orElseThrow(() -> new RunFailure(null, "the import's connection no longer exists"));
        URI target = target(i, c);
        EgressRequest request = request(i, target);
        Credential credential = c == null ? null : credential(c);
        StreamedResponse answer = open(credential == null ? request : credential.applyTo(request));
        if (credential != null && credential.retryWithNonce(target, answer.status(), answer.header("WWW-Authenticate"),
                answer.header(DPoPProofs.NONCE_HEADER))) { // a DPoP connection's service asked for a nonce (RFC 9449 §9)
            closeQuietly(answer);
            answer = open(credential.applyTo(request));
        }
        try {
            if (c != null && c.settings() instanceof OAuth2Settings
                    && c.settings().access().tokenExpiredStatuses().contains(answer.status())) {
                LOG.info("import {}: the feed answered {}, the connection's token expired status: "
                        + "retrying once with a newer token (none when a rejection just refreshed this one)",
                        i.id(), answer.status());
                Credential next = retryCredential(c, credential);
                if (next != null) { // none: a rejection refreshed this token moments ago, the answer stands
                    closeQuietly(answer);
                    answer = open(next.applyTo(request));
                }
            }
            if (answer.status() == 304) {
                return new Fetched(304, new Counts());
            }
            if (answer.status() != 200) {
                throw new RunFailure(answer.status(), "the feed answered HTTP " + answer.status()
                        + (answer.status() >= 300 && answer.status() < 400 ? " (redirects are not followed: use the final URL)" : ""));
            }
            Counts counts = stageAndMerge(i, run, answer);
            return new Fetched(200, counts);
        } finally {
            closeQuietly(answer);
        }
    }

    /**
     * Stages the parsed feed on one connection (temporary tables, committed batch by batch: the
     * catalogue is untouched), then merges it into the catalogue in one short transaction.
     */
    private Counts stageAndMerge(FeedImport i, RunId run, StreamedResponse body) {
        return jdbi.withHandle(h -> {
            boolean h2 = isH2(h);
            CatalogueMerge.stage(h2).forEach(h::execute);
            try {
                long t0 = System.nanoTime();
                CatalogueWriter writer = new CatalogueWriter(h.getConnection(), !h2, i.mode(), json);
                stage(body, writer);
                long staged = System.nanoTime();
                Counts counts = h.inTransaction(tx -> {
                    imports.lock(tx, i.id()).orElseThrow(() -> new RunFailure(200, "the import was deleted during the run"));
                    CatalogueMerge.merge(tx, h2, i.account(), i.id(), run, i.mode(), clock.instant(), writer.counts());
                    imports.setValidators(tx, i.id(), validator(body, "etag"), validator(body, "last-modified"));
                    return writer.counts();
                });
                LOG.info("import {} run {}: feed read and staged in {} ms, merged in {} ms", i.id(), run,
                        (staged - t0) / 1_000_000, (System.nanoTime() - staged) / 1_000_000);
                return counts;
            } finally {
                CatalogueWriter.abandon(h.getConnection());
                CatalogueMerge.UNSTAGE.forEach(h::execute);
            }
        });
    }

    private static void stage(StreamedResponse body, CatalogueWriter writer) {
        try {
            YmlParser.parse(body.body(), writer);
        } catch (FeedFormatException e) {
            throw new RunFailure(200, "the feed is malformed, nothing was imported: " + e.getMessage());
        } catch (EgressException e) {
            throw new RunFailure(200, "the feed could not be read to its end, nothing was imported: " + e.getMessage());
        } catch (IOException e) {
            throw new RunFailure(200, "the feed could not be read to its end (truncated or cut off), nothing was imported: "
                    + e.getClass().getSimpleName());
        }
        writer.finish();
    }

    private static boolean isH2(org.jdbi.v3.core.Handle h) {
        try {
            return h.getConnection().getMetaData().getURL().startsWith("jdbc:h2:");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI target(FeedImport i, Connection c) {
        if (c == null) {
            return i.url();
        }
        try {
            return AllowedUrls.resolve(c.settings().access().allowedUrl(), i.url().toString(), "url");
        } catch (Problem p) {
            throw new RunFailure(null, p.getMessage());
        }
    }

    private EgressRequest request(FeedImport i, URI target) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/xml, text/xml;q=0.9, */*;q=0.5"));
        if (i.etag() != null) {
            headers.put("If-None-Match", List.of(i.etag()));
        }
        if (i.lastModified() != null) {
            headers.put("If-Modified-Since", List.of(i.lastModified()));
        }
        return new EgressRequest("GET", target, headers, null, idleTimeout, false);
    }

    private Credential credential(Connection c) {
        try {
            return credentials.of(c);
        } catch (Problem p) {
            throw new RunFailure(null, "the connection's credentials are not available: " + p.getMessage());
        }
    }

    /** After the feed answered the connection's "token expired" status: the credential to retry with, or null. */
    private Credential retryCredential(Connection c, Credential rejected) {
        try {
            return credentials.afterExpiry(c, rejected).orElse(null);
        } catch (Problem p) {
            throw new RunFailure(null, "the connection's credentials are not available: " + p.getMessage());
        }
    }

    private StreamedResponse open(EgressRequest request) {
        try {
            return egress.open(request, null, -1);
        } catch (EgressException e) {
            throw new RunFailure(null, "the feed could not be fetched: " + e.getMessage());
        } catch (IOException e) {
            throw new RunFailure(null, "the feed could not be reached: " + EgressProblems.describe(e));
        }
    }

    private static String validator(StreamedResponse r, String header) {
        return r.header(header).filter(v -> !v.isBlank() && v.length() <= 200).orElse(null);
    }

    private static void closeQuietly(StreamedResponse r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // the connection is dropped
        }
    }
}
