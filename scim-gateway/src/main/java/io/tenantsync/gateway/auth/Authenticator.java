package io.tenantsync.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.GatewayConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the connection a request's bearer credential belongs to: one of its secrets, or a JWT it trusts.
 *
 * <p>A credential that verified is remembered, so a client's next requests cost one SHA-256 instead of a salted hash
 * per configured secret or a JWT signature check. The cache holds the credential's SHA-256, never the credential; it
 * is found by the digest's first eight bytes and confirmed by comparing the whole digest in constant time. Only
 * verified credentials enter it (a flood of wrong ones cannot grow it), it is bounded, and a JWT stays in it no
 * longer than its {@code exp} nor {@link #JWT_CACHE_TTL}, so a key removed from the JWKS stops working within that.
 */
public final class Authenticator {
    /** The longest a verified JWT is trusted without checking it again. */
    static final Duration JWT_CACHE_TTL = Duration.ofSeconds(60);
    /** Entries at most; reaching it empties the cache (it refills with what clients present next). */
    static final int CACHE_LIMIT = 10_000;

    private record SecretEntry(SecretHash hash, Connection connection) {}

    private record JwtEntry(JwtVerifier verifier, Connection connection) {}

    /** A verified credential: its full digest, its connection, and until when it may be used unverified. */
    private record Verified(byte[] digest, Connection connection, Instant until) {}

    private final List<SecretEntry> secrets = new ArrayList<>();
    private final List<JwtEntry> jwts = new ArrayList<>();
    private final ConcurrentHashMap<Long, Verified> verified = new ConcurrentHashMap<>();
    /** A digest per request thread: looking the algorithm up for each request cost as much as hashing the token. */
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Authenticator::newSha256);
    private final Clock clock;

    public Authenticator(GatewayConfig config) {
        this(config, Clock.systemUTC());
    }

    public Authenticator(GatewayConfig config, Clock clock) {
        this.clock = clock;
        for (Connection c : config.connections()) {
            for (String stored : c.authentication().bearerSecretHashes()) {
                try {
                    secrets.add(new SecretEntry(SecretHash.parse(stored), c));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("connection " + c.id() + ": " + e.getMessage(), e);
                }
            }
            c.authentication().jwt().ifPresent(trust -> jwts.add(new JwtEntry(new JwtVerifier(trust, c.sourceTenantId(), clock), c)));
        }
    }

    /** The connection an {@code Authorization} header value authenticates, if any. */
    public Optional<Connection> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) return Optional.empty();
        byte[] digest = sha256(token);
        long key = key(digest);
        Instant now = clock.instant();
        Verified known = verified.get(key);
        if (known != null && MessageDigest.isEqual(known.digest(), digest)) {
            if (now.isBefore(known.until())) return Optional.of(known.connection());
            verified.remove(key, known);
        }
        Optional<Verified> fresh = verify(token, digest, now);
        fresh.ifPresent(v -> {
            if (verified.size() >= CACHE_LIMIT) verified.clear();
            verified.put(key, v);
        });
        return fresh.map(Verified::connection);
    }

    /** How many verified credentials are remembered (for tests). */
    int cached() {
        return verified.size();
    }

    private Optional<Verified> verify(String token, byte[] digest, Instant now) {
        if (!jwts.isEmpty() && token.chars().filter(ch -> ch == '.').count() == 2) {
            Optional<Verified> byJwt = jwt(token, digest, now);
            if (byJwt.isPresent()) return byJwt;
        }
        // every hash is checked so the time taken does not tell which connection, if any, was close
        Connection found = null;
        for (SecretEntry e : secrets) {
            if (e.hash.matches(token) && found == null) found = e.connection;
        }
        // a secret is valid as long as the configuration that holds its hash, which is fixed for the process
        return Optional.ofNullable(found).map(c -> new Verified(digest, c, Instant.MAX));
    }

    private Optional<Verified> jwt(String token, byte[] digest, Instant now) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return Optional.empty();
        }
        for (JwtEntry e : jwts) {
            if (!e.verifier.issuer().equals(issuer)) continue;
            Optional<JWTClaimsSet> claims = e.verifier.verify(token);
            if (claims.isPresent()) {
                Instant until = now.plus(JWT_CACHE_TTL);
                Instant exp = claims.get().getExpirationTime().toInstant(); // exp is required by the verifier
                return Optional.of(new Verified(digest, e.connection, exp.isBefore(until) ? exp : until));
            }
        }
        return Optional.empty();
    }

    private byte[] sha256(String token) {
        return digests.get().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static long key(byte[] digest) {
        long k = 0;
        for (int i = 0; i < 8; i++) k = (k << 8) | (digest[i] & 0xff);
        return k;
    }
}
