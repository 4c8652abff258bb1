package io.tenantsync.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A salted SHA-256 hash of a bearer secret, written {@code sha256:<salt>:<hash>} (base64). Secrets are generated with
 * at least 256 bits of entropy, so a fast hash is safe and keeps authentication off the request's critical path.
 */
public final class SecretHash {
    private static final String PREFIX = "sha256:";
    private static final int SALT_BYTES = 16;

    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    /** Parses the stored form; the error never echoes the input. */
    public static SecretHash parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) throw new IllegalArgumentException("a bearer secret hash must look like sha256:<salt>:<hash>");
        String[] parts = stored.substring(PREFIX.length()).split(":");
        try {
            if (parts.length != 2) throw new IllegalArgumentException("a bearer secret hash must look like sha256:<salt>:<hash>");
            byte[] hash = Base64.getDecoder().decode(parts[1]);
            if (hash.length != 32) throw new IllegalArgumentException("a bearer secret hash must hold a 32-byte SHA-256 value");
            return new SecretHash(Base64.getDecoder().decode(parts[0]), hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a bearer secret hash must look like sha256:<salt>:<hash> with base64 salt and hash");
        }
    }

    /** The stored form of a new hash of {@code secret} under a fresh random salt. */
    public static String of(String secret, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(digest(salt, secret));
    }

    /** A new random secret with 256 bits of entropy, URL-safe. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} is the secret, compared in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest(salt, presented), hash);
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHash[***]";
    }
}
