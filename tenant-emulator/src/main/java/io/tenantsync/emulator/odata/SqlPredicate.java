package io.tenantsync.emulator.odata;

import java.util.List;
import java.util.Objects;

/** A SQL boolean expression over {@code DIRECTORY_OBJECT o} with its {@code ?} parameters in order. */
public record SqlPredicate(String sql, List<Object> params) {
    public SqlPredicate {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }
}
