package io.tenantsync.emulator.throttle;

import io.tenantsync.emulator.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Live user counts per tenant, which pick the size class of Microsoft's RU limit. Counting on every request would cost
 * more than the request, so counts are cached and refreshed once they are older than {@code refresh}.
 */
public final class TenantSizes implements ToIntFunction<String> {
    private record Count(int users, long at) {}

    private final Database db;
    private final long refreshNanos;
    private final LongSupplier nanos;
    private final Map<String, Count> cache = new ConcurrentHashMap<>();

    public TenantSizes(Database db, Duration refresh, LongSupplier nanos) {
        this.db = db;
        this.refreshNanos = refresh.toNanos();
        this.nanos = nanos;
    }

    /** Live (not soft-deleted) users of the tenant, at most {@code refresh} old. */
    @Override
    public int applyAsInt(String tenantId) {
        long now = nanos.getAsLong();
        Count c = cache.get(tenantId);
        if (c == null || now - c.at() >= refreshNanos) {
            c = new Count(count(tenantId), now);
            cache.put(tenantId, c);
        }
        return c.users();
    }

    /** Drops cached counts (after seeding or a reset), so the next request counts afresh. */
    public void forget() {
        cache.clear();
    }

    private int count(String tenantId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM DIRECTORY_OBJECT WHERE TENANT_ID = ? AND OBJECT_TYPE = 'user' AND DELETED = FALSE")) {
                ps.setString(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
