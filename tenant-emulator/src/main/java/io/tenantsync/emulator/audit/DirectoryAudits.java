package io.tenantsync.emulator.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.identity.TokenService;
import io.tenantsync.emulator.store.DirectoryStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Writes {@code auditLogs/directoryAudits} entries, in the same transaction as the change they describe. */
public final class DirectoryAudits {
    private final ObjectMapper json;
    private final Clock clock;

    public DirectoryAudits(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The object a write touched. {@code upn} is null for non-users. */
    public record Target(String id, String type, String displayName, String upn) {}

    /**
     * Records one write.
     *
     * @param category      UserManagement, GroupManagement, Policy …
     * @param activity      activityDisplayName, e.g. "Add user"
     * @param operationType Add, Update, Delete, Assign, Unassign
     */
    public void record(Connection c, Caller caller, String category, String activity, String operationType, Target target)
            throws SQLException {
        Instant now = clock.instant();
        String id = "Directory_" + UUID.randomUUID();
        ObjectNode e = json.createObjectNode();
        e.put("id", id);
        e.put("category", category);
        e.put("correlationId", UUID.randomUUID().toString());
        e.put("result", "success");
        e.put("resultReason", "");
        e.put("activityDisplayName", activity);
        e.put("activityDateTime", now.toString());
        e.put("loggedByService", "Core Directory");
        e.put("operationType", operationType);
        e.putArray("additionalDetails");
        ObjectNode app = e.putObject("initiatedBy").putObject("app");
        app.put("appId", caller.appId());
        app.put("displayName", caller.appDisplayName());
        app.put("servicePrincipalId", TokenService.servicePrincipalId(caller.tenant(),
                caller.tenant().apps().stream().filter(a -> a.clientId().equals(caller.appId())).findFirst().orElseThrow()));
        app.putNull("servicePrincipalName");
        e.with("initiatedBy").putNull("user");
        ObjectNode t = e.putArray("targetResources").addObject();
        t.put("id", target.id());
        t.put("displayName", target.displayName());
        t.put("type", target.type());
        t.put("userPrincipalName", target.upn());
        t.putNull("groupType");
        t.putArray("modifiedProperties");
        DirectoryStore.exec(c, "INSERT INTO DIRECTORY_AUDIT (TENANT_ID, ID, ACTIVITY_AT, BODY) VALUES (?, ?, ?, ?)",
                caller.tenantId(), id, now, json.valueToTree(e).toString());
    }
}
