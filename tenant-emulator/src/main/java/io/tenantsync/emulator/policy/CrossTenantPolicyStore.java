package io.tenantsync.emulator.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.store.DirectoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Cross-tenant access policies in TENANT_POLICY (tenant-wide policy + default configuration) and PARTNER_POLICY
 * (partner configurations with their identitySynchronization). A tenant's TENANT_POLICY row is written on its first
 * change; until then reads answer the system defaults. Every method runs in the caller's transaction.
 */
public final class CrossTenantPolicyStore {
    /** A partner configuration and its identitySynchronization policy ({@code sync} null when there is none). */
    public record Partner(String partnerTenantId, ObjectNode body, ObjectNode sync) {}

    /** The tenant-wide policy and the default configuration of one tenant. */
    public record TenantPolicy(ObjectNode policy, ObjectNode defaults) {}

    private final ObjectMapper json;

    public CrossTenantPolicyStore(ObjectMapper json) {
        this.json = json;
    }

    public TenantPolicy tenantPolicy(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT POLICY_BODY, DEFAULT_BODY FROM TENANT_POLICY WHERE TENANT_ID = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new TenantPolicy(read(rs.getString(1)), read(rs.getString(2)));
            }
        }
        return new TenantPolicy(PolicyDocuments.systemPolicy(), PolicyDocuments.systemDefault());
    }

    public void saveTenantPolicy(Connection c, String tenantId, TenantPolicy p) throws SQLException {
        DirectoryStore.exec(c, "MERGE INTO TENANT_POLICY t USING (VALUES (CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(100000)), "
                        + "CAST(? AS VARCHAR(100000)))) v(I, P, D) ON t.TENANT_ID = v.I "
                        + "WHEN MATCHED THEN UPDATE SET t.POLICY_BODY = v.P, t.DEFAULT_BODY = v.D "
                        + "WHEN NOT MATCHED THEN INSERT VALUES (v.I, v.P, v.D)",
                tenantId, write(p.policy()), write(p.defaults()));
    }

    public Optional<Partner> partner(Connection c, String tenantId, String partnerTenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT PARTNER_TENANT_ID, BODY, SYNC_BODY FROM PARTNER_POLICY WHERE TENANT_ID = ? AND PARTNER_TENANT_ID = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, partnerTenantId);
            List<Partner> all = partners(ps);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
        }
    }

    /** All partner configurations of a tenant, by partner tenant id. */
    public List<Partner> partners(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT PARTNER_TENANT_ID, BODY, SYNC_BODY FROM PARTNER_POLICY WHERE TENANT_ID = ? ORDER BY PARTNER_TENANT_ID")) {
            ps.setString(1, tenantId);
            return partners(ps);
        }
    }

    private List<Partner> partners(PreparedStatement ps) throws SQLException {
        List<Partner> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String sync = rs.getString(3);
                out.add(new Partner(rs.getString(1), read(rs.getString(2)), sync == null ? null : read(sync)));
            }
        }
        return out;
    }

    public void insertPartner(Connection c, String tenantId, Partner p) throws SQLException {
        exec(c, "INSERT INTO PARTNER_POLICY (TENANT_ID, PARTNER_TENANT_ID, BODY, SYNC_BODY) VALUES (?, ?, ?, ?)",
                tenantId, p.partnerTenantId(), write(p.body()), p.sync() == null ? null : write(p.sync()));
    }

    public void updatePartner(Connection c, String tenantId, Partner p) throws SQLException {
        exec(c, "UPDATE PARTNER_POLICY SET BODY = ?, SYNC_BODY = ? WHERE TENANT_ID = ? AND PARTNER_TENANT_ID = ?",
                write(p.body()), p.sync() == null ? null : write(p.sync()), tenantId, p.partnerTenantId());
    }

    public void deletePartner(Connection c, String tenantId, String partnerTenantId) throws SQLException {
        DirectoryStore.exec(c, "DELETE FROM PARTNER_POLICY WHERE TENANT_ID = ? AND PARTNER_TENANT_ID = ?", tenantId, partnerTenantId);
    }

    /** One statement whose parameters may be null (SYNC_BODY is when a partner has no identitySynchronization). */
    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            DirectoryStore.bind(ps, java.util.Arrays.asList(params));
            ps.executeUpdate();
        }
    }

    /** The settings of {@code tenant} that decide synchronization and automatic redemption with other tenants. */
    public TenantTrust trust(Connection c, TenantConfig tenant) throws SQLException {
        String id = tenant.tenantId().toString();
        Set<String> clouds = new HashSet<>();
        tenantPolicy(c, id).policy().path("allowedCloudEndpoints").forEach(e -> clouds.add(e.asText()));
        Map<UUID, TenantTrust.Partner> partners = new HashMap<>();
        for (Partner p : partners(c, id)) {
            partners.put(UUID.fromString(p.partnerTenantId()), new TenantTrust.Partner(
                    PolicyDocuments.flag(p.body(), "automaticUserConsentSettings", "inboundAllowed"),
                    PolicyDocuments.flag(p.body(), "automaticUserConsentSettings", "outboundAllowed"),
                    p.sync() == null ? null : Boolean.TRUE.equals(PolicyDocuments.flag(p.sync(), "userSyncInbound", "isSyncAllowed"))));
        }
        return new TenantTrust(tenant.tenantId(), tenant.cloud(), clouds, partners);
    }

    private ObjectNode read(String text) {
        try {
            JsonNode n = json.readTree(text);
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt stored policy", e);
        }
    }

    private String write(ObjectNode n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
