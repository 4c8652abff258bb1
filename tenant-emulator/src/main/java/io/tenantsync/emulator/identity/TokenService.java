package io.tenantsync.emulator.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues RS256 access tokens for the client-credentials grant and validates them on every Graph request.
 * Token lifetimes follow the wall clock, not the emulator clock: clients judge expiry against real time.
 */
public final class TokenService {
    /** Lifetime of issued tokens, as Entra issues them for client credentials. */
    public static final Duration LIFETIME = Duration.ofSeconds(3599);
    private static final int MAX_CACHED = 10_000;

    private final EmulatorConfig config;
    private final RSAKey signingKey;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;
    private final Clock wall;
    /** Tokens already verified, so steady traffic pays for one signature check per token, not per request. */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, Instant expires) {}

    public TokenService(EmulatorConfig config, RSAKey signingKey, Clock wall) {
        this.config = config;
        this.signingKey = signingKey;
        this.wall = wall;
        try {
            this.signer = new RSASSASigner(signingKey);
            this.verifier = new RSASSAVerifier(signingKey.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable signing key", e);
        }
    }

    /** A new 2048-bit signing key, or the one saved in {@code keyFile} (saved there on first use) so tokens outlive restarts. */
    public static RSAKey signingKey(Optional<Path> keyFile) {
        try {
            if (keyFile.isPresent() && Files.exists(keyFile.get())) {
                return RSAKey.parse(Files.readString(keyFile.get()));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            if (keyFile.isPresent()) {
                Files.createDirectories(keyFile.get().getParent());
                // the private signing key: readable by its owner only
                Path tmp = Files.createTempFile(keyFile.get().getParent(), "signing-key", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
                Files.move(tmp, keyFile.get(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return key;
        } catch (JOSEException | ParseException | IOException e) {
            throw new IllegalStateException("cannot load or create the token signing key", e);
        }
    }

    /** The public JWKS document. */
    public Map<String, Object> jwks() {
        return new JWKSet(signingKey.toPublicJWK()).toJSONObject(true);
    }

    /** The issuer claim of tokens for a tenant (v1 access tokens for Graph carry the sts.windows.net form). */
    public static String issuer(TenantConfig tenant) {
        return "https://sts.windows.net/" + tenant.tenantId() + "/";
    }

    /** Signs an access token for an app of a tenant. */
    public String issue(TenantConfig tenant, AppRegistration app) {
        Instant now = wall.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(tenant.cloud().graphResource())
                .issuer(issuer(tenant))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .subject(servicePrincipalId(tenant, app))
                .claim("oid", servicePrincipalId(tenant, app))
                .claim("tid", tenant.tenantId().toString())
                .claim("appid", app.clientId())
                .claim("app_displayname", app.displayName())
                .claim("idtyp", "app")
                .claim("ver", "1.0")
                .claim("roles", new ArrayList<>(app.roles()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    /** The stable object id of an app's service principal in a tenant. */
    public static String servicePrincipalId(TenantConfig tenant, AppRegistration app) {
        return UUID.nameUUIDFromBytes((tenant.tenantId() + "/sp/" + app.clientId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Validates a bearer token and says who is calling; 401 with Graph's messages for anything wrong. */
    public Caller authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw GraphException.unauthenticated("Access token is empty.");
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GraphException.unauthenticated("Access token validation failure. Invalid token scheme.");
        }
        String token = authorizationHeader.substring(7).trim();
        Instant now = wall.instant();
        Verified v = verified.get(token);
        if (v != null) {
            if (now.isBefore(v.expires)) return v.caller;
            verified.remove(token);
            throw GraphException.unauthenticated("Lifetime validation failed, the token is expired.");
        }
        Verified fresh = verify(token, now);
        if (verified.size() >= MAX_CACHED) verified.clear();
        verified.put(token, fresh);
        return fresh.caller;
    }

    private Verified verify(String token, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw GraphException.unauthenticated("Access token validation failure. Invalid token.");
        }
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw GraphException.unauthenticated("Access token validation failure. Invalid signature.");
            }
        } catch (JOSEException e) {
            throw GraphException.unauthenticated("Access token validation failure. Invalid signature.");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            throw GraphException.unauthenticated("Lifetime validation failed, the token is expired.");
        }
        Object tid = claims.getClaim("tid");
        Optional<TenantConfig> tenant = Optional.empty();
        try {
            if (tid instanceof String s) tenant = config.tenant(UUID.fromString(s));
        } catch (IllegalArgumentException ignored) {
            // not a GUID: rejected below
        }
        if (tenant.isEmpty() || !issuer(tenant.get()).equals(claims.getIssuer())) {
            throw GraphException.unauthenticated("Access token validation failure. Invalid issuer.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(tenant.get().cloud().graphResource())) {
            throw GraphException.unauthenticated("Access token validation failure. Invalid audience.");
        }
        String appId = String.valueOf(claims.getClaim("appid"));
        AppRegistration app = tenant.get().apps().stream().filter(a -> a.clientId().equals(appId)).findFirst()
                .orElseThrow(() -> GraphException.unauthenticated("Access token validation failure. Unknown application."));
        List<String> roles;
        try {
            roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
        } catch (ParseException e) {
            roles = List.of();
        }
        return new Verified(new Caller(tenant.get(), app.clientId(), app.displayName(), new HashSet<>(roles)), exp.toInstant());
    }
}
