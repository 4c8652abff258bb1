package io.tenantsync.gateway.connection;

import java.util.List;
import java.util.Optional;

/**
 * How SCIM clients prove they act for a connection: any of its bearer secrets, or a JWT its source tenant's authority
 * issued.
 *
 * @param bearerSecretHashes salted hashes of the accepted secrets ({@code sha256:<salt>:<hash>}, base64), never the secrets
 */
public record ClientAuthentication(List<String> bearerSecretHashes, Optional<JwtTrust> jwt) {
    public ClientAuthentication {
        bearerSecretHashes = bearerSecretHashes == null ? List.of() : List.copyOf(bearerSecretHashes);
        jwt = jwt == null ? Optional.empty() : jwt;
        if (bearerSecretHashes.isEmpty() && jwt.isEmpty()) {
            throw new IllegalArgumentException("authentication needs at least one bearer secret hash or a jwt section");
        }
    }
}
