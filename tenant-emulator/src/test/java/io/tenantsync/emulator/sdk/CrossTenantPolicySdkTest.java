package io.tenantsync.emulator.sdk;

import com.microsoft.graph.models.CrossTenantAccessPolicy;
import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationDefault;
import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationPartner;
import com.microsoft.graph.models.CrossTenantAccessPolicyInboundTrust;
import com.microsoft.graph.models.CrossTenantIdentitySyncPolicyPartner;
import com.microsoft.graph.models.CrossTenantUserSyncInbound;
import com.microsoft.graph.models.InboundOutboundPolicyConfiguration;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.policies.crosstenantaccesspolicy.partners.item.identitysynchronization.IdentitySynchronizationRequestBuilder;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.policy.CrossTenantPolicyStore;
import io.tenantsync.emulator.policy.CrossTenantTrust;
import io.tenantsync.emulator.policy.TrustDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import static io.tenantsync.emulator.EmulatorFixture.CONTOSO;
import static io.tenantsync.emulator.EmulatorFixture.FABRIKAM;
import static io.tenantsync.emulator.EmulatorFixture.WOODGROVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented CTS configuration flow (graph.md §8.1 steps 1–4) through the official SDK, and what it decides. */
class CrossTenantPolicySdkTest {
    static EmulatorFixture f;
    static GraphServiceClient contoso, fabrikam, woodgrove;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        contoso = SdkClients.contoso(f);
        fabrikam = SdkClients.fabrikam(f);
        woodgrove = SdkClients.graph(f, WOODGROVE.toString(), "woodgrove-admin", "woodgrove-secret-value-0001", "https://graph.microsoft.us/.default");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static CrossTenantAccessPolicyConfigurationPartner partner(UUID tenantId) {
        var p = new CrossTenantAccessPolicyConfigurationPartner();
        p.setTenantId(tenantId.toString());
        return p;
    }

    static CrossTenantAccessPolicyConfigurationPartner consent(Boolean inbound, Boolean outbound) {
        var s = new InboundOutboundPolicyConfiguration();
        if (inbound != null) s.setInboundAllowed(inbound);
        if (outbound != null) s.setOutboundAllowed(outbound);
        var p = new CrossTenantAccessPolicyConfigurationPartner();
        p.setAutomaticUserConsentSettings(s);
        return p;
    }

    static CrossTenantIdentitySyncPolicyPartner syncPolicy(String displayName, boolean allowed) {
        var sync = new CrossTenantIdentitySyncPolicyPartner();
        sync.setDisplayName(displayName);
        var inbound = new CrossTenantUserSyncInbound();
        inbound.setIsSyncAllowed(allowed);
        sync.setUserSyncInbound(inbound);
        return sync;
    }

    static TrustDecision synchronization(UUID source, UUID target) {
        var store = new CrossTenantPolicyStore(f.server.components().json());
        return f.server.components().db().transaction(c -> CrossTenantTrust.synchronization(
                store.trust(c, f.config.tenant(source).orElseThrow()), store.trust(c, f.config.tenant(target).orElseThrow())));
    }

    /**
     * PATCH of identitySynchronization. SDK 6.70 generates no patch() on this builder (only get/put/delete), so the
     * request is the SDK's own PUT request information sent as PATCH through the same client and error mapping.
     */
    static void patchSync(GraphServiceClient graph, IdentitySynchronizationRequestBuilder builder, CrossTenantIdentitySyncPolicyPartner body) {
        RequestInformation ri = builder.toPutRequestInformation(body);
        ri.httpMethod = HttpMethod.PATCH;
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        graph.getRequestAdapter().sendPrimitive(ri, errors, Void.class);
    }

    static void assertODataError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(status);
            assertThat(e.getError().getCode()).isEqualTo(code);
        });
    }

    @Test
    void documentedConfigurationFlowOnBothTenantsAllowsSynchronization() {
        var fabPartners = fabrikam.policies().crossTenantAccessPolicy().partners();
        // target tenant (1) partner config for the source
        var created = fabPartners.post(partner(CONTOSO));
        assertThat(created.getTenantId()).isEqualTo(CONTOSO.toString());
        assertThat(created.getAutomaticUserConsentSettings().getInboundAllowed()).isNull();
        assertThat(created.getIsInMultiTenantOrganization()).isFalse();
        assertThat(synchronization(CONTOSO, FABRIKAM).refusal()).isEqualTo(TrustDecision.Refusal.SOURCE_OUTBOUND_CONSENT_MISSING);

        // (2) identitySynchronization PUT, then read back
        var item = fabPartners.byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString());
        item.identitySynchronization().put(syncPolicy("Contoso", true));
        var sync = item.identitySynchronization().get();
        assertThat(sync.getTenantId()).isEqualTo(CONTOSO.toString());
        assertThat(sync.getDisplayName()).isEqualTo("Contoso");
        assertThat(sync.getUserSyncInbound().getIsSyncAllowed()).isTrue();

        // (3) inbound automatic consent, with inboundTrust explicitly null as the walkthrough sends it
        var inbound = consent(true, null);
        inbound.setInboundTrust(null);
        item.patch(inbound);
        var read = item.get();
        assertThat(read.getAutomaticUserConsentSettings().getInboundAllowed()).isTrue();
        assertThat(read.getAutomaticUserConsentSettings().getOutboundAllowed()).isNull();

        // source tenant (4) partner config for the target + outbound automatic consent
        var conItem = contoso.policies().crossTenantAccessPolicy().partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(FABRIKAM.toString());
        assertThat(synchronization(CONTOSO, FABRIKAM).refusal()).isEqualTo(TrustDecision.Refusal.SOURCE_OUTBOUND_CONSENT_MISSING);
        contoso.policies().crossTenantAccessPolicy().partners().post(partner(FABRIKAM));
        conItem.patch(consent(null, true));
        assertThat(synchronization(CONTOSO, FABRIKAM).allowed()).isTrue();
        // the reverse direction was never configured
        assertThat(synchronization(FABRIKAM, CONTOSO).allowed()).isFalse();

        // a second PATCH of the other half keeps the first half (nested objects merge)
        item.patch(consent(null, false));
        assertThat(item.get().getAutomaticUserConsentSettings().getInboundAllowed()).isTrue();

        // $expand=identitySynchronization on the list
        var listed = fabPartners.get(rc -> rc.queryParameters.expand = new String[]{"identitySynchronization"});
        assertThat(listed.getValue()).singleElement().satisfies(p -> {
            assertThat(p.getTenantId()).isEqualTo(CONTOSO.toString());
            assertThat(p.getIdentitySynchronization().getUserSyncInbound().getIsSyncAllowed()).isTrue();
        });
        var filtered = fabPartners.get(rc -> rc.queryParameters.filter = "tenantId eq '" + WOODGROVE + "'");
        assertThat(filtered.getValue()).isEmpty();

        // switching inbound sync off refuses again
        patchSync(fabrikam, item.identitySynchronization(), syncPolicy(null, false));
        assertThat(item.identitySynchronization().get().getDisplayName()).isNull();
        assertThat(synchronization(CONTOSO, FABRIKAM).refusal()).isEqualTo(TrustDecision.Refusal.TARGET_INBOUND_SYNC_NOT_ALLOWED);
    }

    @Test
    void duplicatesConflictAndMissingObjectsAreNotFound() {
        var partners = woodgrove.policies().crossTenantAccessPolicy().partners();
        partners.post(partner(FABRIKAM));
        assertODataError(() -> partners.post(partner(FABRIKAM)), 409, "Request_MultipleObjectsWithSameKeyValue");

        var item = partners.byCrossTenantAccessPolicyConfigurationPartnerTenantId(FABRIKAM.toString());
        // PATCH of an identitySynchronization that does not exist yet
        assertThatThrownBy(() -> patchSync(woodgrove, item.identitySynchronization(), syncPolicy("Fabrikam", true)))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("Directory_ObjectNotFound");
                    assertThat(e.getError().getMessage()).isEqualTo("Unable to read the company information from the directory.");
                });
        item.identitySynchronization().put(syncPolicy("Fabrikam", true));
        assertThatThrownBy(() -> item.identitySynchronization().put(syncPolicy("Fabrikam", true)))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(409);
                    assertThat(e.getError().getCode()).isEqualTo("Request_MultipleObjectsWithSameKeyValue");
                    assertThat(e.getError().getMessage())
                            .isEqualTo("A conflicting object with one or more of the specified property values is present in the directory.");
                });

        // a partner with an identitySynchronization policy cannot be deleted; delete the policy first
        assertODataError(item::delete, 400, "Request_BadRequest");
        item.identitySynchronization().delete();
        item.delete();
        assertODataError(item::get, 404, "Directory_ObjectNotFound");
        assertODataError(() -> item.patch(consent(true, null)), 404, "Directory_ObjectNotFound");
        assertThat(partners.get().getValue()).isEmpty();
    }

    @Test
    void crossCloudPairIsRefusedUntilBothTenantsAllowTheOtherCloud() {
        contoso.policies().crossTenantAccessPolicy().partners().post(partner(WOODGROVE));
        contoso.policies().crossTenantAccessPolicy().partners().byCrossTenantAccessPolicyConfigurationPartnerTenantId(WOODGROVE.toString())
                .patch(consent(null, true));
        var wgItem = woodgrove.policies().crossTenantAccessPolicy().partners();
        wgItem.post(partner(CONTOSO));
        wgItem.byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString()).identitySynchronization().put(syncPolicy("Contoso", true));
        wgItem.byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString()).patch(consent(true, null));

        TrustDecision before = synchronization(CONTOSO, WOODGROVE);
        assertThat(before.refusal()).isEqualTo(TrustDecision.Refusal.SOURCE_CLOUD_NOT_ALLOWED);
        assertThat(before.errorCode()).isEqualTo("ExternalTenantNotFound");

        var contosoClouds = new CrossTenantAccessPolicy();
        contosoClouds.setAllowedCloudEndpoints(List.of("microsoftonline.us"));
        contoso.policies().crossTenantAccessPolicy().patch(contosoClouds);
        assertThat(contoso.policies().crossTenantAccessPolicy().get().getAllowedCloudEndpoints()).containsExactly("microsoftonline.us");
        assertThat(synchronization(CONTOSO, WOODGROVE).refusal()).isEqualTo(TrustDecision.Refusal.TARGET_CLOUD_NOT_ALLOWED);

        var woodgroveClouds = new CrossTenantAccessPolicy();
        woodgroveClouds.setAllowedCloudEndpoints(List.of("microsoftonline.com"));
        woodgrove.policies().crossTenantAccessPolicy().patch(woodgroveClouds);
        assertThat(synchronization(CONTOSO, WOODGROVE).allowed()).isTrue();
    }

    @Test
    void defaultConfigurationIsServiceDefaultUntilCustomisedAndNeverGrantsAutomaticConsent() {
        var def = fabrikam.policies().crossTenantAccessPolicy().defaultEscaped();
        CrossTenantAccessPolicyConfigurationDefault initial = def.get();
        assertThat(initial.getIsServiceDefault()).isTrue();
        assertThat(initial.getAutomaticUserConsentSettings().getInboundAllowed()).isFalse();
        assertThat(initial.getAutomaticUserConsentSettings().getOutboundAllowed()).isFalse();

        var grant = new CrossTenantAccessPolicyConfigurationDefault();
        var consent = new InboundOutboundPolicyConfiguration();
        consent.setInboundAllowed(true);
        grant.setAutomaticUserConsentSettings(consent);
        assertODataError(() -> def.patch(grant), 400, "Request_BadRequest");
        assertThat(def.get().getIsServiceDefault()).isTrue();

        var trust = new CrossTenantAccessPolicyConfigurationDefault();
        var inboundTrust = new CrossTenantAccessPolicyInboundTrust();
        inboundTrust.setIsMfaAccepted(true);
        trust.setInboundTrust(inboundTrust);
        def.patch(trust);
        var customised = def.get();
        assertThat(customised.getIsServiceDefault()).isFalse();
        assertThat(customised.getInboundTrust().getIsMfaAccepted()).isTrue();
        assertThat(customised.getInboundTrust().getIsCompliantDeviceAccepted()).isFalse();

        def.resetToSystemDefault().post();
        var reset = def.get();
        assertThat(reset.getIsServiceDefault()).isTrue();
        assertThat(reset.getInboundTrust().getIsMfaAccepted()).isFalse();
    }
}
