package io.tenantsync.gateway.provisioning;

import io.tenantsync.gateway.connection.Connection;

import java.util.Optional;

/**
 * Asked before each SCIM write (POST, PUT, PATCH, DELETE, and each Bulk operation) is stored. A refusal becomes
 * a 403 SCIM error carrying its detail, and nothing is stored.
 */
@FunctionalInterface
public interface WriteAdmission {
    /** Admits everything: the gateway's behaviour when no admission is bound. */
    WriteAdmission ADMIT_ALL = connection -> Optional.empty();

    /** Empty to admit the write, or why it is refused. */
    Optional<Refusal> check(Connection connection);
}
