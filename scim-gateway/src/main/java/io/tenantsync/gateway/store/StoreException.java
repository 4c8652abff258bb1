package io.tenantsync.gateway.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix by changing its request. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the failure is a unique-key or primary-key violation. */
    public boolean isUniqueViolation() {
        return getCause() instanceof java.sql.SQLIntegrityConstraintViolationException;
    }
}
