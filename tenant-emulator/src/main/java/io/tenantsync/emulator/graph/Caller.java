package io.tenantsync.emulator.graph;

import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.TenantConfig;

import java.util.Set;

/** Who is calling, from a validated access token: the tenant every read and write is confined to, the app and its roles. */
public record Caller(TenantConfig tenant, String appId, String appDisplayName, Set<String> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    public Cloud cloud() { return tenant.cloud(); }

    public String tenantId() { return tenant.tenantId().toString(); }

    /** Fails with 403 unless the app holds one of the roles (a ReadWrite role implies its Read role). */
    public void require(String... anyOf) {
        for (String r : anyOf) {
            if (roles.contains(r) || roles.contains(r.replace(".Read.", ".ReadWrite."))) return;
            // any policy write role lets its holder read policies
            if (r.equals("Policy.Read.All") && roles.stream().anyMatch(x -> x.startsWith("Policy.ReadWrite."))) return;
            if (roles.contains("Directory.ReadWrite.All") && !r.startsWith("Policy.") && !r.startsWith("AuditLog.")) return;
            if (roles.contains("Directory.Read.All") && r.endsWith(".Read.All") && !r.startsWith("Policy.") && !r.startsWith("AuditLog.")) return;
        }
        throw GraphException.forbidden();
    }
}
