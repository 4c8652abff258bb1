package io.tenantsync.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A stored directory object: its Graph JSON and the bookkeeping the store keeps beside it.
 *
 * @param type      {@code user} or {@code group}
 * @param body      the Graph representation (never shared: callers get their own copy)
 * @param deletedAt when it was soft-deleted (emulator clock), null when live
 * @param managerId the manager's object id (users), null when none
 */
public record DirectoryObject(String tenantId, String id, String type, ObjectNode body, Instant createdAt,
                              Instant deletedAt, String managerId, long changeSeq) {
    public boolean deleted() { return deletedAt != null; }

    public DirectoryObject withBody(ObjectNode newBody) {
        return new DirectoryObject(tenantId, id, type, newBody, createdAt, deletedAt, managerId, changeSeq);
    }

    public DirectoryObject withDeletedAt(Instant at) {
        return new DirectoryObject(tenantId, id, type, body, createdAt, at, managerId, changeSeq);
    }

    public DirectoryObject withManager(String manager) {
        return new DirectoryObject(tenantId, id, type, body, createdAt, deletedAt, manager, changeSeq);
    }
}
