package io.tenantsync.emulator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphException;

import java.util.Set;

/**
 * The shapes of the cross-tenant access policy resources: what a new tenant and a new partner look like, and which
 * properties clients may write on each (checked before anything is stored).
 */
public final class PolicyDocuments {
    static final String POLICY = "CrossTenantAccessPolicy";
    static final String DEFAULT = "CrossTenantAccessPolicyConfigurationDefault";
    static final String PARTNER = "CrossTenantAccessPolicyConfigurationPartner";
    static final String SYNC = "CrossTenantIdentitySyncPolicyPartner";

    /** Values {@code allowedCloudEndpoints} accepts (one per Microsoft cloud). */
    public static final Set<String> CLOUD_ENDPOINTS = Set.of("microsoftonline.com", "microsoftonline.us", "partner.microsoftonline.cn");

    private static final BodyShape.Fields IN_OUT = BodyShape.object()
            .with("inboundAllowed", BodyShape.bool()).with("outboundAllowed", BodyShape.bool());
    private static final BodyShape.Fields TRUST = BodyShape.object()
            .with("isMfaAccepted", BodyShape.bool()).with("isCompliantDeviceAccepted", BodyShape.bool())
            .with("isHybridAzureADJoinedDeviceAccepted", BodyShape.bool());
    private static final BodyShape.Fields TARGET = BodyShape.object()
            .with("target", BodyShape.string(256))
            .with("targetType", BodyShape.oneOf("user", "group", "application", "unknownFutureValue"));
    private static final BodyShape.Fields TARGET_CONFIG = BodyShape.object()
            .with("accessType", BodyShape.oneOf("allowed", "blocked", "unknownFutureValue"))
            .with("targets", BodyShape.listOf(TARGET, 500));
    private static final BodyShape.Fields B2B = BodyShape.object()
            .with("usersAndGroups", TARGET_CONFIG).with("applications", TARGET_CONFIG);
    private static final BodyShape.Fields RESTRICTIONS = BodyShape.object()
            .with("usersAndGroups", TARGET_CONFIG).with("applications", TARGET_CONFIG).with("devices", BodyShape.opaque());

    /** PATCH of {@code /policies/crossTenantAccessPolicy}. */
    static final BodyShape.Fields POLICY_PATCH = BodyShape.object()
            .with("displayName", BodyShape.string(256))
            .with("allowedCloudEndpoints", BodyShape.listOf(BodyShape.oneOf(CLOUD_ENDPOINTS.toArray(String[]::new)), 3));

    /** Settings shared by the default and partner configurations. */
    private static BodyShape.Fields settings() {
        return BodyShape.object()
                .with("inboundTrust", TRUST)
                .with("automaticUserConsentSettings", IN_OUT)
                .with("b2bCollaborationInbound", B2B).with("b2bCollaborationOutbound", B2B)
                .with("b2bDirectConnectInbound", B2B).with("b2bDirectConnectOutbound", B2B)
                .with("tenantRestrictions", RESTRICTIONS)
                // stored and echoed, not interpreted by the emulator
                .with("m365Capabilities", BodyShape.opaque())
                .with("m365CollaborationInbound", BodyShape.opaque()).with("m365CollaborationOutbound", BodyShape.opaque())
                .with("appServiceConnectInbound", BodyShape.opaque());
    }

    /** PATCH of {@code …/default}. */
    static final BodyShape.Fields DEFAULT_PATCH = settings()
            .with("invitationRedemptionIdentityProviderConfiguration", BodyShape.opaque());

    /** POST and PATCH of a partner; {@code tenantId} is checked by the caller (required on POST, fixed afterwards). */
    static final BodyShape.Fields PARTNER_BODY = settings()
            .with("tenantId", BodyShape.guid())
            .with("isServiceProvider", BodyShape.bool())
            .with("crossCloudMeetingConfiguration", IN_OUT)
            .with("protectedContentSharing", IN_OUT)
            .with("serviceProviderConstraints", BodyShape.opaque());

    /** PUT and PATCH of a partner's {@code identitySynchronization}. */
    static final BodyShape.Fields SYNC_BODY = BodyShape.object()
            .with("tenantId", BodyShape.guid())
            .with("displayName", BodyShape.string(256))
            .with("userSyncInbound", BodyShape.object().with("isSyncAllowed", BodyShape.bool()));

    private PolicyDocuments() {}

    /** Checks a body against a shape; properties the resource has but clients may not set get their own message. */
    static ObjectNode check(String resource, BodyShape.Fields shape, ObjectNode body, Set<String> readOnly) {
        for (String name : readOnly) {
            if (body.has(name)) throw GraphException.badRequest("Property '" + name + "' is read-only and cannot be set.");
        }
        return (ObjectNode) shape.check(resource, resource, body);
    }

    /** The tenant-wide policy as a tenant starts. */
    static ObjectNode systemPolicy() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("displayName", "CrossTenantAccessPolicy");
        p.putArray("allowedCloudEndpoints");
        return p;
    }

    /** The service default configuration (what {@code resetToSystemDefault} restores). */
    static ObjectNode systemDefault() {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("isServiceDefault", true);
        ObjectNode trust = d.putObject("inboundTrust");
        trust.put("isMfaAccepted", false);
        trust.put("isCompliantDeviceAccepted", false);
        trust.put("isHybridAzureADJoinedDeviceAccepted", false);
        d.set("b2bCollaborationInbound", b2b("allowed"));
        d.set("b2bCollaborationOutbound", b2b("allowed"));
        d.set("b2bDirectConnectInbound", b2b("blocked"));
        d.set("b2bDirectConnectOutbound", b2b("blocked"));
        ObjectNode restrictions = b2b("blocked");
        restrictions.putNull("devices");
        d.set("tenantRestrictions", restrictions);
        ObjectNode consent = d.putObject("automaticUserConsentSettings");
        consent.put("inboundAllowed", false);
        consent.put("outboundAllowed", false);
        ObjectNode idp = d.putObject("invitationRedemptionIdentityProviderConfiguration");
        idp.putArray("primaryIdentityProviderPrecedenceOrder").add("externalFederation").add("azureActiveDirectory").add("socialIdentityProviders");
        idp.put("fallbackIdentityProvider", "defaultConfiguredIdp");
        return d;
    }

    private static ObjectNode b2b(String accessType) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        ObjectNode users = s.putObject("usersAndGroups");
        users.put("accessType", accessType);
        ObjectNode u = users.putArray("targets").addObject();
        u.put("target", "AllUsers");
        u.put("targetType", "user");
        ObjectNode apps = s.putObject("applications");
        apps.put("accessType", accessType);
        ObjectNode a = apps.putArray("targets").addObject();
        a.put("target", "AllApplications");
        a.put("targetType", "application");
        return s;
    }

    /** A new partner configuration: every setting null (inherit the default). */
    static ObjectNode newPartner(String tenantId) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("tenantId", tenantId);
        p.putNull("isServiceProvider");
        p.put("isInMultiTenantOrganization", false);
        p.putNull("inboundTrust");
        ObjectNode consent = p.putObject("automaticUserConsentSettings");
        consent.putNull("inboundAllowed");
        consent.putNull("outboundAllowed");
        p.putNull("b2bCollaborationInbound");
        p.putNull("b2bCollaborationOutbound");
        p.putNull("b2bDirectConnectInbound");
        p.putNull("b2bDirectConnectOutbound");
        p.putNull("tenantRestrictions");
        ObjectNode meeting = p.putObject("crossCloudMeetingConfiguration");
        meeting.putNull("inboundAllowed");
        meeting.putNull("outboundAllowed");
        ObjectNode sharing = p.putObject("protectedContentSharing");
        sharing.putNull("inboundAllowed");
        sharing.putNull("outboundAllowed");
        return p;
    }

    /** Whether a boolean setting is explicitly true (null and absent inherit the default, which is false). */
    static Boolean flag(JsonNode n, String object, String field) {
        JsonNode v = n == null ? null : n.path(object).get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }
}
