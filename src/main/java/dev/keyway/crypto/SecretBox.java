package dev.keyway.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts secrets at rest with AES-256-GCM. The associated data binds a ciphertext to its owner
 * (the connection id), so a ciphertext copied to another row does not decrypt.
 */
public final class SecretBox {
    private final Aead aead;
    private final int primaryKeyId;

    public SecretBox(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.primaryKeyId = keyset.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset holds no usable AEAD key", e);
        }
    }

    public byte[] seal(String plaintext, String owner) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), owner.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(byte[] sealed, String owner) {
        try {
            return new String(aead.decrypt(sealed, owner.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException(owner);
        }
    }

    /** True when the ciphertext was made with the current primary key (Tink's 5-byte prefix names the key). */
    public boolean isUnderPrimary(byte[] sealed) {
        return sealed.length > 5 && sealed[0] == 1 && ByteBuffer.wrap(sealed, 1, 4).getInt() == primaryKeyId;
    }

    /** Thrown when a ciphertext does not decrypt: wrong keyset, or data moved between owners. */
    public static final class SecretUnreadableException extends RuntimeException {
        public SecretUnreadableException(String owner) {
            super("a stored secret of " + owner + " could not be decrypted with the configured keyset");
        }
    }
}
