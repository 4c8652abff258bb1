package io.tenantsync.core.store;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/** A failure of the store's database; the unit of work it happened in changed nothing. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the failure is a unique-key or primary-key violation. */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLIntegrityConstraintViolationException;
    }
}
