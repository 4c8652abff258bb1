package io.tenantsync.core.target;

import static io.tenantsync.core.target.EmulatedTenants.CONTOSO;
import static io.tenantsync.core.target.EmulatedTenants.FABRIKAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.HttpMethod;
import io.tenantsync.core.policy.CrossTenantTrust;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.policy.SourceOutboundSettings;
import io.tenantsync.core.policy.TargetInboundSettings;
import io.tenantsync.core.policy.TrustRequirement;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both tenants' cross-tenant access policies read back as the settings CrossTenantTrust judges. */
class CrossTenantPolicyReaderTest {

    EmulatedTenants tenants;

    @BeforeEach
    void start() {
        tenants = new EmulatedTenants();
    }

    @AfterEach
    void stop() {
        tenants.close();
    }

    @Test
    void withNothingConfiguredNeitherSideAllowsSync() {
        TargetInboundSettings inbound = GraphTargetDirectory.forConnection(tenants.fabrikam(),
                GraphClientOptions.DEFAULTS).inboundSettingsFor(CONTOSO.toString());
        SourceOutboundSettings outbound = CrossTenantPolicyReader.forConnection(tenants.contoso(),
                GraphClientOptions.DEFAULTS).outboundSettingsFor(FABRIKAM.toString());

        assertThat(inbound.tenantId()).isEqualTo(FABRIKAM.toString());
        assertThat(inbound.cloud()).isEqualTo(MicrosoftCloud.GLOBAL);
        assertThat(inbound.userSyncInboundAllowed()).isNull();
        assertThat(inbound.inboundAutomaticConsent()).isFalse();
        assertThat(outbound.outboundAutomaticConsent()).isFalse();
        assertThat(CrossTenantTrust.evaluate(outbound, inbound).allowed()).isFalse();
    }

    @Test
    void theWalkthroughsSettingsAllowSyncAndAWithdrawnUserSyncInboundRefusesIt() {
        tenants.allowSync();
        GraphTargetDirectory fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(),
                GraphClientOptions.DEFAULTS);
        CrossTenantPolicyReader contoso = CrossTenantPolicyReader.forConnection(tenants.contoso(),
                GraphClientOptions.DEFAULTS);

        TargetInboundSettings inbound = fabrikam.inboundSettingsFor(CONTOSO.toString());
        SourceOutboundSettings outbound = contoso.outboundSettingsFor(FABRIKAM.toString());
        assertThat(inbound.userSyncInbound()).isTrue();
        assertThat(inbound.inboundAutomaticConsent()).isTrue();
        assertThat(outbound.outboundAutomaticConsent()).isTrue();
        assertThat(CrossTenantTrust.evaluate(outbound, inbound).allowed()).isTrue();

        withdrawUserSyncInbound();

        TargetInboundSettings withdrawn = fabrikam.inboundSettingsFor(CONTOSO.toString());
        assertThat(withdrawn.userSyncInboundAllowed()).isFalse();
        assertThat(withdrawn.inboundAutomaticConsent()).isTrue();
        assertThat(CrossTenantTrust.evaluate(outbound, withdrawn))
                .isEqualTo(TrustRequirement.TARGET_INBOUND_SYNC_ALLOWED.refusal(outbound, withdrawn));
    }

    /** PATCH of identitySynchronization: SDK 6.70 generates only get/put/delete there, so its PUT is sent as PATCH. */
    private void withdrawUserSyncInbound() {
        GraphServiceClient graph = TenantGraphClientFactory.create(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        var sync = graph.policies().crossTenantAccessPolicy().partners()
                .byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString()).identitySynchronization();
        var request = sync.toPutRequestInformation(EmulatedTenants.syncPolicy(false));
        request.httpMethod = HttpMethod.PATCH;
        var errors = new HashMap<String, com.microsoft.kiota.serialization.ParsableFactory<
                ? extends com.microsoft.kiota.serialization.Parsable>>();
        errors.put("XXX", com.microsoft.graph.models.odataerrors.ODataError::createFromDiscriminatorValue);
        graph.getRequestAdapter().sendPrimitive(request, errors, Void.class);
    }
}
