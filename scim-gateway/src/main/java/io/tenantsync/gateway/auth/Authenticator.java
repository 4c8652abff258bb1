package io.tenantsync.gateway.auth;

import com.nimbusds.jwt.JWTParser;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.GatewayConfig;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the connection a request's bearer credential belongs to: one of its secrets, or a JWT it trusts. */
public final class Authenticator {
    private record SecretEntry(SecretHash hash, Connection connection) {}

    private record JwtEntry(JwtVerifier verifier, Connection connection) {}

    private final List<SecretEntry> secrets = new ArrayList<>();
    private final List<JwtEntry> jwts = new ArrayList<>();

    public Authenticator(GatewayConfig config) {
        for (Connection c : config.connections()) {
            for (String stored : c.authentication().bearerSecretHashes()) {
                try {
                    secrets.add(new SecretEntry(SecretHash.parse(stored), c));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("connection " + c.id() + ": " + e.getMessage(), e);
                }
            }
            c.authentication().jwt().ifPresent(trust -> jwts.add(new JwtEntry(new JwtVerifier(trust, c.sourceTenantId()), c)));
        }
    }

    /** The connection an {@code Authorization} header value authenticates, if any. */
    public Optional<Connection> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) return Optional.empty();
        if (!jwts.isEmpty() && token.chars().filter(ch -> ch == '.').count() == 2) {
            Optional<Connection> byJwt = jwt(token);
            if (byJwt.isPresent()) return byJwt;
        }
        // every hash is checked so the time taken does not tell which connection, if any, was close
        Connection found = null;
        for (SecretEntry e : secrets) {
            if (e.hash.matches(token) && found == null) found = e.connection;
        }
        return Optional.ofNullable(found);
    }

    private Optional<Connection> jwt(String token) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return Optional.empty();
        }
        for (JwtEntry e : jwts) {
            if (e.verifier.issuer().equals(issuer) && e.verifier.verify(token)) return Optional.of(e.connection);
        }
        return Optional.empty();
    }
}
