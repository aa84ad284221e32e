package dev.keyway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keyway.testing.FakeTokenServer.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * For tests of refresh on the token path, registered as a static {@code @RegisterExtension}: one Keyway per
 * test class on a {@link MutableClock} with a 2 s token call timeout and one account; a fresh rotating
 * {@link FakeTokenServer} per test ({@link #fake()}); and after each test the check that no log line said
 * a token or the client secret.
 */
public final class RefreshKeyway implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final MutableClock clock = new MutableClock();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private KeywayUnderTest keyway;
    private Api api;
    private FakeTokenServer fake;

    public MutableClock clock() {
        return clock;
    }

    public Api api() {
        return api;
    }

    /** This test's rotating token server, started on first use and closed after the test. */
    public FakeTokenServer fake() {
        if (fake == null) {
            fake = FakeTokenServer.rotating();
        }
        return fake;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        logs.start();
        root().addAppender(logs);
        keyway = KeywayUnderTest.builder().clock(clock).env("KEYWAY_TOKEN_CALL_TIMEOUT_SECONDS", "2").start();
        api = keyway.newAccount("Refresh test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        keyway.close();
        root().detachAppender(logs);
    }

    /** Whatever happened in the test, no log line said a token or the client secret. */
    @Override
    public void afterEach(ExtensionContext context) {
        FakeTokenServer f = fake();
        fake = null;
        f.close();
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        logs.list.clear();
        assertThat(lines).as("the capture works: every test connects, and that is logged").isNotEmpty();
        for (Family family : f.families()) {
            for (String secret : concat(family.accessTokens(), family.refreshTokens())) {
                assertThat(lines).noneMatch(l -> l.contains(secret));
            }
        }
        assertThat(lines).noneMatch(l -> l.contains("fake-at-") || l.contains("fake-rt-") || l.contains("fake-client-secret")
                || l.contains("quirky-access-token") || l.contains("fake-code-"));
    }

    /** Neither the connection's answer (last error, history, grant) nor any error says a token of this test's server. */
    public void assertNoTokenIn(ConnectedConnection c) {
        String body = c.read().body();
        for (Family f : fake().families()) {
            f.accessTokens().forEach(t -> assertThat(body).doesNotContain(t));
            f.refreshTokens().forEach(t -> assertThat(body).doesNotContain(t));
        }
        assertThat(body).doesNotContain("fake-at-").doesNotContain("fake-rt-").doesNotContain("fake-client-secret");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
