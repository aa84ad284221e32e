package dev.keyway.crypto;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the keyset comes from: the environment (JSON), else the keyset file; the embedded profile
 * creates the file on first start, a production profile refuses to start without one.
 */
public final class KeysetSource {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetSource.class);

    private KeysetSource() {
    }

    public static KeysetHandle load(String json, Path file, boolean mayCreate) {
        if (json != null && !json.isBlank()) {
            return Keysets.parse(json);
        }
        if (Files.exists(file)) {
            return Keysets.read(file);
        }
        if (!mayCreate) {
            throw new IllegalStateException("no keyset: set KEYWAY_KEYSET or KEYWAY_KEYSET_FILE (create one with "
                    + "'java -jar keyway.jar create-keyset --file PATH'); the production profile never creates one");
        }
        KeysetHandle created = Keysets.generate();
        Keysets.write(created, file);
        LOG.warn("created a new keyset at {} (mode 600): back it up, secrets cannot be read without it", file.toAbsolutePath());
        return created;
    }
}
