package io.tenantsync.emulator.policy;

import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.policy.TrustDecision.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cross-tenant trust rules as a table: each row names the settings of both tenants and the expected answer. */
class CrossTenantTrustTest {
    static final UUID S = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID T = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final String GOV = Cloud.US_GOV.cloudEndpoint(), COM = Cloud.GLOBAL.cloudEndpoint();

    /** Settings of one row: null partner = no partner configuration. */
    record Side(Cloud cloud, Set<String> clouds, TenantTrust.Partner partner) {
        TenantTrust of(UUID self, UUID other) {
            Map<UUID, TenantTrust.Partner> partners = new HashMap<>();
            if (partner != null) partners.put(other, partner);
            return new TenantTrust(self, cloud, clouds, partners);
        }
    }

    static TenantTrust.Partner p(Boolean in, Boolean out, Boolean sync) { return new TenantTrust.Partner(in, out, sync); }

    static Side global(TenantTrust.Partner p) { return new Side(Cloud.GLOBAL, Set.of(), p); }

    static final TenantTrust.Partner SOURCE_OK = p(null, true, null);
    static final TenantTrust.Partner TARGET_OK = p(true, null, true);

    static Stream<Arguments> syncTable() {
        return Stream.of(
                Arguments.of("both configured, same cloud", global(SOURCE_OK), global(TARGET_OK), null),
                Arguments.of("source has no partner config", global(null), global(TARGET_OK), Refusal.SOURCE_OUTBOUND_CONSENT_MISSING),
                Arguments.of("source outbound inherits default (null)", global(p(true, null, true)), global(TARGET_OK), Refusal.SOURCE_OUTBOUND_CONSENT_MISSING),
                Arguments.of("source outbound false", global(p(null, false, null)), global(TARGET_OK), Refusal.SOURCE_OUTBOUND_CONSENT_MISSING),
                Arguments.of("target has no partner config", global(SOURCE_OK), global(null), Refusal.TARGET_INBOUND_SYNC_NOT_ALLOWED),
                Arguments.of("target has no identitySynchronization", global(SOURCE_OK), global(p(true, null, null)), Refusal.TARGET_INBOUND_SYNC_NOT_ALLOWED),
                Arguments.of("target isSyncAllowed false", global(SOURCE_OK), global(p(true, null, false)), Refusal.TARGET_INBOUND_SYNC_NOT_ALLOWED),
                Arguments.of("target inbound consent null", global(SOURCE_OK), global(p(null, null, true)), Refusal.TARGET_INBOUND_CONSENT_MISSING),
                Arguments.of("target inbound consent false", global(SOURCE_OK), global(p(false, true, true)), Refusal.TARGET_INBOUND_CONSENT_MISSING),
                Arguments.of("cross-cloud, neither allows the other", global(SOURCE_OK), new Side(Cloud.US_GOV, Set.of(), TARGET_OK), Refusal.SOURCE_CLOUD_NOT_ALLOWED),
                Arguments.of("cross-cloud, only source allows", new Side(Cloud.GLOBAL, Set.of(GOV), SOURCE_OK), new Side(Cloud.US_GOV, Set.of(), TARGET_OK), Refusal.TARGET_CLOUD_NOT_ALLOWED),
                Arguments.of("cross-cloud, only target allows", global(SOURCE_OK), new Side(Cloud.US_GOV, Set.of(COM), TARGET_OK), Refusal.SOURCE_CLOUD_NOT_ALLOWED),
                Arguments.of("cross-cloud, both allow", new Side(Cloud.GLOBAL, Set.of(GOV), SOURCE_OK), new Side(Cloud.US_GOV, Set.of(COM), TARGET_OK), null),
                Arguments.of("cross-cloud allowed but consent missing", new Side(Cloud.GLOBAL, Set.of(GOV), null), new Side(Cloud.US_GOV, Set.of(COM), TARGET_OK), Refusal.SOURCE_OUTBOUND_CONSENT_MISSING),
                Arguments.of("same cloud ignores allowedCloudEndpoints", new Side(Cloud.GLOBAL, Set.of(GOV), SOURCE_OK), global(TARGET_OK), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syncTable")
    void synchronizationDecision(String row, Side source, Side target, Refusal expected) {
        TrustDecision d = CrossTenantTrust.synchronization(source.of(S, T), target.of(T, S));
        assertThat(d.allowed()).as(row).isEqualTo(expected == null);
        assertThat(d.refusal()).as(row).isEqualTo(expected);
        if (expected != null) assertThat(d.errorCode()).isNotBlank();
    }

    static Stream<Arguments> redemptionTable() {
        return Stream.of(
                Arguments.of("both consents, no sync policy needed", global(p(null, true, null)), global(p(true, null, null)), null),
                Arguments.of("home outbound missing", global(p(true, null, null)), global(p(true, null, null)), Refusal.SOURCE_OUTBOUND_CONSENT_MISSING),
                Arguments.of("inviting inbound missing", global(p(null, true, null)), global(p(null, true, true)), Refusal.TARGET_INBOUND_CONSENT_MISSING),
                Arguments.of("cross-cloud without cloud settings", global(p(null, true, null)), new Side(Cloud.US_GOV, Set.of(), p(true, null, null)), Refusal.SOURCE_CLOUD_NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redemptionTable")
    void automaticRedemptionDecision(String row, Side home, Side inviting, Refusal expected) {
        TrustDecision d = CrossTenantTrust.automaticRedemption(home.of(S, T), inviting.of(T, S));
        assertThat(d.refusal()).as(row).isEqualTo(expected);
    }

    @Test
    void refusalsCarryTheErrorTextsEntraDocuments() {
        TrustDecision outbound = CrossTenantTrust.synchronization(global(null).of(S, T), global(TARGET_OK).of(T, S));
        assertThat(outbound.errorCode()).isEqualTo("AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
        assertThat(outbound.message()).startsWith("The source tenant has not enabled automatic user consent with the target tenant.");

        TrustDecision inboundSync = CrossTenantTrust.synchronization(global(SOURCE_OK).of(S, T), global(null).of(T, S));
        assertThat(inboundSync.errorCode()).isEqualTo("AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
        assertThat(inboundSync.message()).startsWith("The target tenant has not enabled inbound synchronization with this tenant.");

        TrustDecision inboundConsent = CrossTenantTrust.synchronization(global(SOURCE_OK).of(S, T), global(p(null, null, true)).of(T, S));
        assertThat(inboundConsent.errorCode()).isEqualTo("AzureDirectoryB2BManagementPolicyCheckFailure");
        assertThat(inboundConsent.message()).isEqualTo("Policy permitting auto-redemption of invitations not configured.");

        TrustDecision cloud = CrossTenantTrust.synchronization(global(SOURCE_OK).of(S, T), new Side(Cloud.US_GOV, Set.of(), TARGET_OK).of(T, S));
        assertThat(cloud.errorCode()).isEqualTo("ExternalTenantNotFound");
        assertThat(cloud.message()).contains(T.toString()).contains("https://login.microsoftonline.com/" + T);

        TrustDecision targetCloud = CrossTenantTrust.synchronization(new Side(Cloud.GLOBAL, Set.of(GOV), SOURCE_OK).of(S, T),
                new Side(Cloud.US_GOV, Set.of(), TARGET_OK).of(T, S));
        assertThat(targetCloud.errorCode()).isEqualTo("AzureActiveDirectoryTokenExpired");
        assertThat(targetCloud.message()).isEqualTo("The identity of the calling application could not be established.");
    }
}
