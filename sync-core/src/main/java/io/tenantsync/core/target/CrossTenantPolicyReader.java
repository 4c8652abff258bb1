package io.tenantsync.core.target;

import com.microsoft.graph.models.CrossTenantAccessPolicy;
import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationDefault;
import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationPartner;
import com.microsoft.graph.models.CrossTenantIdentitySyncPolicyPartner;
import com.microsoft.graph.models.InboundOutboundPolicyConfiguration;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.policy.AutomaticUserConsentSettings;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.policy.SourceOutboundSettings;
import io.tenantsync.core.policy.TargetInboundSettings;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads one tenant's cross-tenant access policy (graph.md §7) as the trust settings {@link
 * io.tenantsync.core.policy.CrossTenantTrust} judges: as a target, what it allows inbound from a source; as a source,
 * what it allows outbound to a target. Four reads each: the policy ({@code allowedCloudEndpoints}), the default
 * configuration, the partner configuration (absent → inherited), and, inbound, its identity synchronization (absent →
 * sync not allowed).
 *
 * <p>Graph exposes neither the target's cross-cloud synchronization checkbox nor the source configuration's "across
 * Microsoft clouds" option, so both read as false: cross-cloud pairs are refused by the trust rules until a later
 * source of those two facts exists.
 */
public final class CrossTenantPolicyReader {

    private final GraphServiceClient graph;
    private final String tenantId;
    private final MicrosoftCloud cloud;
    private final GraphFailureClassifier failures;

    /**
     * @param tenantId the id of the tenant {@code graph} is signed in to
     * @param cloud    that tenant's cloud
     */
    public CrossTenantPolicyReader(GraphServiceClient graph, String tenantId, MicrosoftCloud cloud) {
        this(graph, tenantId, cloud, new GraphFailureClassifier(null));
    }

    CrossTenantPolicyReader(GraphServiceClient graph, String tenantId, MicrosoftCloud cloud,
                            GraphFailureClassifier failures) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.failures = failures;
    }

    /** A reader for the tenant a connection signs in to, with its own client. */
    public static CrossTenantPolicyReader forConnection(GraphConnection connection, GraphClientOptions options) {
        return new CrossTenantPolicyReader(TenantGraphClientFactory.create(connection, options),
                connection.tenantId(), connection.cloud(), new GraphFailureClassifier(connection.clientSecret()));
    }

    /** This tenant, as a target, towards the source tenant. */
    public TargetInboundSettings inboundSettingsFor(String sourceTenantId) {
        CrossTenantAccessPolicyConfigurationPartner partner = partner(sourceTenantId);
        Boolean userSyncInbound = null;
        if (partner != null) {
            CrossTenantIdentitySyncPolicyPartner sync = orNullWhenMissing(
                    "GET /policies/crossTenantAccessPolicy/partners/{id}/identitySynchronization",
                    () -> partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(sourceTenantId)
                            .identitySynchronization().get());
            if (sync != null && sync.getUserSyncInbound() != null) {
                userSyncInbound = sync.getUserSyncInbound().getIsSyncAllowed();
            }
        }
        return new TargetInboundSettings(tenantId, cloud, allowedClouds(), defaultConsent(), consent(partner),
                userSyncInbound, false);
    }

    /** This tenant, as a source, towards the target tenant. */
    public SourceOutboundSettings outboundSettingsFor(String targetTenantId) {
        return new SourceOutboundSettings(tenantId, cloud, allowedClouds(), defaultConsent(),
                consent(partner(targetTenantId)), false);
    }

    private Set<MicrosoftCloud> allowedClouds() {
        CrossTenantAccessPolicy policy = call("GET /policies/crossTenantAccessPolicy",
                () -> graph.policies().crossTenantAccessPolicy().get());
        Set<MicrosoftCloud> clouds = EnumSet.noneOf(MicrosoftCloud.class);
        List<String> endpoints = policy == null ? null : policy.getAllowedCloudEndpoints();
        if (endpoints != null) {
            endpoints.forEach(endpoint -> MicrosoftCloud.fromAllowedCloudEndpoint(endpoint).ifPresent(clouds::add));
        }
        return clouds;
    }

    private AutomaticUserConsentSettings defaultConsent() {
        CrossTenantAccessPolicyConfigurationDefault defaults = call("GET /policies/crossTenantAccessPolicy/default",
                () -> graph.policies().crossTenantAccessPolicy().defaultEscaped().get());
        InboundOutboundPolicyConfiguration consent = defaults == null ? null : defaults.getAutomaticUserConsentSettings();
        return consent == null ? AutomaticUserConsentSettings.SERVICE_DEFAULT
                : new AutomaticUserConsentSettings(consent.getInboundAllowed(), consent.getOutboundAllowed());
    }

    private static AutomaticUserConsentSettings consent(CrossTenantAccessPolicyConfigurationPartner partner) {
        InboundOutboundPolicyConfiguration consent = partner == null ? null : partner.getAutomaticUserConsentSettings();
        return consent == null ? AutomaticUserConsentSettings.INHERITED
                : new AutomaticUserConsentSettings(consent.getInboundAllowed(), consent.getOutboundAllowed());
    }

    private CrossTenantAccessPolicyConfigurationPartner partner(String partnerTenantId) {
        return orNullWhenMissing("GET /policies/crossTenantAccessPolicy/partners/{id}",
                () -> partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(partnerTenantId).get());
    }

    private com.microsoft.graph.policies.crosstenantaccesspolicy.partners.PartnersRequestBuilder partners() {
        return graph.policies().crossTenantAccessPolicy().partners();
    }

    private <T> T orNullWhenMissing(String operation, Supplier<T> read) {
        try {
            return call(operation, read);
        } catch (TargetDirectoryException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private <T> T call(String operation, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw failures.classify(operation, e);
        }
    }
}
