package io.tenantsync.core.identity;

import java.util.Objects;

/** One entry of a user's {@code identities} in Graph: how and by whom the user signs in. */
public record ObjectIdentity(String signInType, String issuer, String issuerAssignedId) {

    public ObjectIdentity {
        Objects.requireNonNull(signInType, "signInType");
        Objects.requireNonNull(issuer, "issuer");
    }
}
