package io.tenantsync.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.TenantConfig;

/**
 * Puts the cross-tenant trust that cross-tenant sync needs in place the way an administrator does it, with each
 * tenant's own app over Graph (the documented CTS configuration steps 1–4): the target lets the source's users in
 * (identity sync inbound, automatic consent inbound), the source lets them out (automatic consent outbound).
 * Safe to repeat: what already exists is brought to the same state.
 */
public final class CrossTenantAccess {
    static final String PARTNERS = "/policies/crossTenantAccessPolicy/partners";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrossTenantAccess() {}

    /** Allows users of {@code source} to be synchronised into {@code target}. */
    public static void allowSync(TenantGraphClient source, TenantGraphClient target) {
        TenantConfig from = source.tenant();
        TenantConfig to = target.tenant();

        addPartner(target, from);
        String sync = PARTNERS + "/" + from.tenantId() + "/identitySynchronization";
        ObjectNode syncPolicy = JSON.createObjectNode();
        syncPolicy.put("displayName", DemoTenants.title(from.name()));
        syncPolicy.putObject("userSyncInbound").put("isSyncAllowed", true);
        // PUT creates; on a re-run it answers 409 and PATCH brings the existing policy back to "allowed"
        if (target.call("PUT", sync, syncPolicy, 200, 204, 409).status() == 409) {
            target.call("PATCH", sync, syncPolicy, 200, 204);
        }
        target.call("PATCH", PARTNERS + "/" + from.tenantId(), consent("inboundAllowed"), 200, 204);

        addPartner(source, to);
        source.call("PATCH", PARTNERS + "/" + to.tenantId(), consent("outboundAllowed"), 200, 204);
    }

    private static void addPartner(TenantGraphClient admin, TenantConfig partner) {
        ObjectNode body = JSON.createObjectNode().put("tenantId", partner.tenantId().toString());
        admin.call("POST", PARTNERS, body, 200, 201, 409);
    }

    private static JsonNode consent(String direction) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("automaticUserConsentSettings").put(direction, true);
        return body;
    }
}
