package io.tenantsync.gateway.connection;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which JWTs a connection accepts: RS256-signed by a key of the JWKS, with this issuer, audience and tenant.
 *
 * @param tenantId the required {@code tid} claim; the connection's source tenant when omitted
 */
public record JwtTrust(String issuer, String audience, Optional<URI> jwksUrl, Optional<Path> jwksFile, Optional<String> tenantId) {
    public JwtTrust {
        Objects.requireNonNull(issuer, "jwt.issuer");
        Objects.requireNonNull(audience, "jwt.audience");
        jwksUrl = jwksUrl == null ? Optional.empty() : jwksUrl;
        jwksFile = jwksFile == null ? Optional.empty() : jwksFile;
        tenantId = tenantId == null ? Optional.empty() : tenantId;
        if (jwksUrl.isPresent() == jwksFile.isPresent()) throw new IllegalArgumentException("jwt needs exactly one of jwksUrl and jwksFile");
    }
}
