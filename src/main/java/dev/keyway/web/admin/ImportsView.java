package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.feed.FeedImport;
import dev.keyway.feed.ImportRun;
import java.util.List;
import java.util.Map;

/** Settings → Imports: the account's feed imports, with the name of the connection each one uses. */
public record ImportsView(Session session, List<FeedImport> imports, Map<String, String> connectionNames, String notice) {
    /** The connection's name, "—" for a public feed. */
    public String connectionName(FeedImport i) {
        return i.connectionId() == null ? "—" : connectionNames.getOrDefault(i.connectionId().value(), i.connectionId().value());
    }

    /** One import's page: its settings, actions and the history of its runs (the newest first). */
    public record Detail(Session session, FeedImport feedImport, String connectionName, List<ImportRun> runs, String notice) {
        public String id() {
            return feedImport.id().value();
        }
    }
}
