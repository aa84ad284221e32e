package dev.keyway.feed;

import dev.keyway.testing.Databases;
import dev.keyway.testing.KeywayUnderTest;
import org.junit.jupiter.api.BeforeAll;

/** Every test of {@link FeedImportTest} with Keyway on a fresh PostgreSQL database (the staging and merge SQL run on both). */
class FeedImportOnPostgresTest extends FeedImportTest {
    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().database(Databases.freshPostgres()).start();
    }
}
