package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.keyway.store.Database;
import dev.keyway.store.Reencryption;
import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.Databases;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the keyset comes from, rotation, and re-encrypting everything stored under the new primary key. */
class KeysetTest {
    /** Every sealed column: table, owner column (the associated data), value column. */
    private static final List<String[]> SEALED = List.of(
            new String[] {"connections", "id", "client_secret"},
            new String[] {"grants", "connection_id", "access_token"},
            new String[] {"grants", "connection_id", "refresh_token"},
            new String[] {"grants", "connection_id", "extra"},
            new String[] {"connect_attempts", "id", "pkce_verifier"});

    @TempDir
    Path dir;

    @Test
    void embeddedProfileCreatesAKeysetFileReadableByItsOwnerOnlyAndReadsItBackNextTime() throws Exception {
        Path file = dir.resolve("data").resolve("keyset.json");

        KeysetHandle created = KeysetSource.load(null, file, true);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeysetHandle again = KeysetSource.load(null, file, false);
        byte[] sealed = new SecretBox(created).seal("a secret", "con_1");
        assertThat(new SecretBox(again).open(sealed, "con_1")).as("the same keys, read from the file").isEqualTo("a secret");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void productionProfileRefusesToStartWithoutAKeysetAndSaysWhatToDo() {
        Path file = dir.resolve("keyset.json");

        assertThatThrownBy(() -> KeysetSource.load(null, file, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no keyset")
                .hasMessageContaining("KEYWAY_KEYSET")
                .hasMessageContaining("create-keyset");
        assertThat(file).doesNotExist();
    }

    @Test
    void keysetFromTheEnvironmentWinsAndNoFileIsCreated() {
        KeysetHandle k = Keysets.generate();
        Path file = dir.resolve("keyset.json");

        KeysetHandle loaded = KeysetSource.load(Keysets.toJson(k), file, true);

        assertThat(new SecretBox(loaded).open(new SecretBox(k).seal("v", "o"), "o")).isEqualTo("v");
        assertThat(file).doesNotExist();
    }

    @Test
    void dataSealedBeforeARotationStillOpensAfterAndNewDataUsesTheNewPrimary() {
        KeysetHandle before = Keysets.generate();
        SecretBox oldBox = new SecretBox(before);
        byte[] old = oldBox.seal("sealed before", "con_1");

        KeysetHandle after = Keysets.rotate(before);
        SecretBox newBox = new SecretBox(after);
        byte[] fresh = newBox.seal("sealed after", "con_1");

        assertThat(after.size()).isEqualTo(2);
        assertThat(newBox.open(old, "con_1")).isEqualTo("sealed before");
        assertThat(newBox.isUnderPrimary(old)).isFalse();
        assertThat(newBox.isUnderPrimary(fresh)).isTrue();
        assertThat(oldBox.isUnderPrimary(old)).isTrue();
        assertThatThrownBy(() -> oldBox.open(fresh, "con_1")).as("the old keyset lacks the new key")
                .isInstanceOf(SecretBox.SecretUnreadableException.class);
    }

    @Test
    void rotatedKeysetWrittenToItsFileKeepsItsModeAndBothKeys() throws Exception {
        Path file = dir.resolve("keyset.json");
        KeysetHandle first = KeysetSource.load(null, file, true);
        byte[] old = new SecretBox(first).seal("v", "o");

        Keysets.write(Keysets.rotate(Keysets.read(file)), file);

        KeysetHandle rotated = Keysets.read(file);
        assertThat(rotated.size()).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SecretBox(rotated).open(old, "o")).isEqualTo("v");
    }

    @Test
    void reencryptionResealsEveryStoredSecretUnderTheNewPrimaryAndKeywayThenRunsOnTheNewKeyAlone() throws Exception {
        KeysetHandle original = Keysets.generate();
        String url = Databases.freshH2();
        MutableClock clock = new MutableClock();
        String apiKey;
        String connectionId;
        String accessToken;
        try (FakeTokenServer fake = FakeTokenServer.nonRotating()) {
            try (KeywayUnderTest first = KeywayUnderTest.builder().database(url).keyset(original).clock(clock).start()) {
                apiKey = first.keyway().accounts().create("Rotation").apiKey();
                ConnectedConnection c = ConnectedConnection.via(new Api(first.base(), apiKey), fake);
                connectionId = c.id();
                accessToken = c.token().text("accessToken");
            }

            KeysetHandle rotated = Keysets.rotate(original);
            SecretBox newBox = new SecretBox(rotated);
            KeysetHandle newKeyOnly = withoutOldKeys(rotated);
            try (Database db = Database.open(url, "sa", "")) {
                Jdbi jdbi = db.jdbi();
                assertThat(sealedValues(jdbi)).hasSize(5).allSatisfy(v -> assertThat(newBox.isUnderPrimary(v.value())).isFalse());
                assertThatThrownBy(() -> new SecretBox(newKeyOnly).open(sealedValues(jdbi).getFirst().value(),
                        sealedValues(jdbi).getFirst().owner())).as("control: the new key alone cannot read old data yet")
                        .isInstanceOf(SecretBox.SecretUnreadableException.class);

                int resealed = Reencryption.run(jdbi, newBox);

                assertThat(resealed).isEqualTo(5);
                assertThat(sealedValues(jdbi)).allSatisfy(v -> {
                    assertThat(newBox.isUnderPrimary(v.value())).as(v.column()).isTrue();
                    assertThat(new SecretBox(newKeyOnly).open(v.value(), v.owner())).as(v.column()).isNotEmpty();
                });
                assertThat(Reencryption.run(jdbi, newBox)).as("a second run has nothing left to do").isZero();
            }

            try (KeywayUnderTest second = KeywayUnderTest.builder().database(url).keyset(newKeyOnly).clock(clock).start()) {
                ConnectedConnection c = new ConnectedConnection(new Api(second.base(), apiKey), connectionId);
                assertThat(c.token().text("accessToken")).isEqualTo(accessToken);

                clock.advance(Duration.ofHours(2));
                Api.Answer refreshed = c.token();

                assertThat(refreshed.status()).as("refresh token and client secret decrypt under the new key").isEqualTo(200);
                assertThat(refreshed.text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
                FakeTokenServer.TokenRequest refresh = fake.requests().getLast();
                assertThat(refresh.refreshToken()).isEqualTo(fake.onlyFamily().refreshTokens().getFirst());
                assertThat(refresh.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                        "fake-client:fake-client-secret".getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private record Sealed(String column, String owner, byte[] value) { }

    private static List<Sealed> sealedValues(Jdbi jdbi) {
        return jdbi.withHandle(h -> SEALED.stream().flatMap(c -> h.createQuery(
                                "select " + c[1] + " as k, " + c[2] + " as v from " + c[0] + " where " + c[2] + " is not null")
                        .map((rs, ctx) -> new Sealed(c[0] + "." + c[2], rs.getString("k"), rs.getBytes("v"))).list().stream())
                .toList());
    }

    /** The rotated keyset with only its primary key: what is left once the old key is retired. */
    private static KeysetHandle withoutOldKeys(KeysetHandle rotated) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(rotated);
        for (int i = b.size() - 1; i >= 0; i--) {
            if (!b.getAt(i).isPrimary()) {
                b.deleteAt(i);
            }
        }
        KeysetHandle only = b.build();
        assertThat(only.size()).isEqualTo(1);
        return only;
    }
}
