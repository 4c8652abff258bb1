package io.tenantsync.emulator.directory;

import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.store.IndexedProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Soft delete, restore and purge of directory objects, as the directory applies them: a soft-deleted user keeps
 * its memberships (hidden until restored) and has its UPN rewritten so the name is free for others.
 */
public final class DirectoryLifecycle {
    /** How long soft-deleted objects stay restorable before the directory purges them. */
    public static final Duration RETENTION = Duration.ofDays(30);

    private final DirectoryStore store;
    private final Clock clock;

    public DirectoryLifecycle(DirectoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Moves a live object to deleted items. */
    public DirectoryObject softDelete(Connection c, DirectoryObject o) throws SQLException {
        Instant now = clock.instant();
        var body = o.body().deepCopy();
        body.put("deletedDateTime", now.toString());
        if ("user".equals(o.type()) && body.hasNonNull("userPrincipalName")) {
            body.put("userPrincipalName", tombstoneUpn(o.id(), body.get("userPrincipalName").asText()));
        }
        return store.update(c, o.withBody(body).withDeletedAt(now), DirectoryStore.SOFT_DELETE);
    }

    /** The UPN a soft-deleted user carries: its id without dashes, then its former UPN. */
    public static String tombstoneUpn(String id, String upn) {
        return id.replace("-", "") + upn;
    }

    /** The UPN a tombstoned user had before deletion: the tombstone without its 32-hex-character id prefix. */
    public static String originalUpn(String id, String tombstone) {
        String prefix = id.replace("-", "");
        return tombstone.regionMatches(true, 0, prefix, 0, prefix.length()) ? tombstone.substring(prefix.length()) : tombstone;
    }

    /**
     * Brings a soft-deleted object back: clears {@code deletedDateTime} and, for users, gives back the UPN it had
     * (or {@code newUpn} when given). Memberships reappear on their own because they were never removed.
     *
     * @throws GraphException 400 when the UPN now belongs to a live object
     */
    public DirectoryObject restore(Connection c, DirectoryObject o, String newUpn) throws SQLException {
        if (!o.deleted()) throw new IllegalArgumentException("object " + o.id() + " is not deleted");
        var body = o.body().deepCopy();
        body.remove("deletedDateTime");
        if ("user".equals(o.type()) && body.hasNonNull("userPrincipalName")) {
            String upn = newUpn != null ? newUpn : originalUpn(o.id(), body.get("userPrincipalName").asText());
            if (store.taken(c, o.tenantId(), IndexedProperty.USER_PRINCIPAL_NAME, upn, o.id())) {
                throw GraphException.badRequest("Another object with the same value for property userPrincipalName already exists.");
            }
            body.put("userPrincipalName", upn);
        }
        return store.update(c, o.withBody(body).withDeletedAt(null), DirectoryStore.UPSERT);
    }

    /** Permanently removes soft-deleted objects whose retention has run out; returns how many. */
    public int purgeExpired(Connection c) throws SQLException {
        Instant cutoff = clock.instant().minus(RETENTION);
        java.util.List<DirectoryObject> expired = new java.util.ArrayList<>();
        try (var ps = c.prepareStatement("SELECT TENANT_ID, ID FROM DIRECTORY_OBJECT WHERE DELETED = TRUE AND DELETED_AT <= ?")) {
            DirectoryStore.bind(ps, java.util.List.of(cutoff));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    store.find(c, rs.getString(1), rs.getString(2)).ifPresent(expired::add);
                }
            }
        }
        for (DirectoryObject o : expired) store.purge(c, o);
        return expired.size();
    }
}
