package io.tenantsync.core.store;

import java.util.Objects;

/** The id of one source→target connection (one sync job); every row of the store belongs to exactly one. */
public record ConnectionId(String value) {

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("a connection id has 1 to 200 characters, not blank: '" + value + "'");
        }
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
