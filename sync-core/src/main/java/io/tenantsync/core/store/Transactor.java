package io.tenantsync.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs JDBC work in a transaction: a fresh one from the pool, or the one a unit of work already holds. */
interface Transactor {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T run(Work<T> work);

    /** The transaction a unit of work holds: work joins it, and a failure rolls the whole unit back. */
    static Transactor bound(Connection connection) {
        return new Transactor() {
            @Override
            public <T> T run(Work<T> work) {
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw new StoreException(e);
                }
            }
        };
    }
}
