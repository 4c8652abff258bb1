package io.tenantsync.emulator.odata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SQL boolean expression over {@code DIRECTORY_OBJECT o} with its {@code ?} parameters in order.
 *
 * @param lookup when present, a value some matching object must hold ({@link ValueLookup}); the SQL tests it too, so
 *               a consumer may ignore it
 */
public record SqlPredicate(String sql, List<Object> params, Optional<ValueLookup> lookup) {
    public SqlPredicate {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
        Objects.requireNonNull(lookup, "lookup");
    }

    public SqlPredicate(String sql, List<Object> params) {
        this(sql, params, Optional.empty());
    }
}
