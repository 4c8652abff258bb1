package io.tenantsync.core.policy;

import static io.tenantsync.core.policy.MicrosoftCloud.CHINA;
import static io.tenantsync.core.policy.MicrosoftCloud.GLOBAL;
import static io.tenantsync.core.policy.MicrosoftCloud.US_GOV;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrossTenantTrustTest {

    private static final String SOURCE = "aaaaaaaa-0000-4000-8000-00000000000a";
    private static final String TARGET = "bbbbbbbb-0000-4000-8000-00000000000b";

    private static final AutomaticUserConsentSettings OUTBOUND_ON = new AutomaticUserConsentSettings(null, true);
    private static final AutomaticUserConsentSettings INBOUND_ON = new AutomaticUserConsentSettings(true, null);

    private static final String SOURCE_OUTBOUND_TEXT = "The source tenant has not enabled automatic user consent with the"
            + " target tenant. Please enable the outbound cross-tenant access policy for automatic user consent in the"
            + " source tenant. aka.ms/TroubleshootingCrossTenantSyncPolicyCheck";
    private static final String TARGET_INBOUND_SYNC_TEXT = "The target tenant has not enabled inbound synchronization"
            + " with this tenant. Please request the target tenant admin to enable the inbound synchronization on their"
            + " cross-tenant access policy. Learn more: aka.ms/TroubleshootingCrossTenantSyncPolicyCheck";
    private static final String POLICY_CHECK = "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure";

    private static SourceOutboundSettings source(MicrosoftCloud cloud, AutomaticUserConsentSettings partner,
                                                 Set<MicrosoftCloud> allowedClouds, boolean acrossClouds) {
        return new SourceOutboundSettings(SOURCE, cloud, allowedClouds, null, partner, acrossClouds);
    }

    private static SourceOutboundSettings source(AutomaticUserConsentSettings partner) {
        return source(GLOBAL, partner, Set.of(), false);
    }

    private static TargetInboundSettings target(MicrosoftCloud cloud, AutomaticUserConsentSettings partner,
                                                Boolean syncAllowed, Set<MicrosoftCloud> allowedClouds,
                                                boolean crossCloudSync) {
        return new TargetInboundSettings(TARGET, cloud, allowedClouds, null, partner, syncAllowed, crossCloudSync);
    }

    private static TargetInboundSettings target(AutomaticUserConsentSettings partner, Boolean syncAllowed) {
        return target(GLOBAL, partner, syncAllowed, Set.of(), false);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("source partner outbound consent null inherits the default false",
                        source(AutomaticUserConsentSettings.INHERITED), target(INBOUND_ON, true),
                        POLICY_CHECK, SOURCE_OUTBOUND_TEXT),
                Arguments.of("source has no partner configuration for the target",
                        source(null), target(INBOUND_ON, true), POLICY_CHECK, SOURCE_OUTBOUND_TEXT),
                Arguments.of("source outbound consent explicitly false",
                        source(new AutomaticUserConsentSettings(true, false)), target(INBOUND_ON, true),
                        POLICY_CHECK, SOURCE_OUTBOUND_TEXT),
                Arguments.of("target has no identity synchronization policy",
                        source(OUTBOUND_ON), target(INBOUND_ON, null), POLICY_CHECK, TARGET_INBOUND_SYNC_TEXT),
                Arguments.of("target inbound sync false",
                        source(OUTBOUND_ON), target(INBOUND_ON, false), POLICY_CHECK, TARGET_INBOUND_SYNC_TEXT),
                Arguments.of("target inbound consent null inherits the default false",
                        source(OUTBOUND_ON), target(AutomaticUserConsentSettings.INHERITED, true),
                        "AzureDirectoryB2BManagementPolicyCheckFailure",
                        "Policy permitting auto-redemption of invitations not configured."),
                Arguments.of("target inbound consent explicitly false",
                        source(OUTBOUND_ON), target(new AutomaticUserConsentSettings(false, true), true),
                        "AzureDirectoryB2BManagementPolicyCheckFailure",
                        "Policy permitting auto-redemption of invitations not configured."),
                Arguments.of("everything missing: the source's own setting is reported first",
                        source(null), target(null, null), POLICY_CHECK, SOURCE_OUTBOUND_TEXT),
                Arguments.of("target missing both: inbound sync is reported before inbound consent",
                        source(OUTBOUND_ON), target(null, false), POLICY_CHECK, TARGET_INBOUND_SYNC_TEXT),
                Arguments.of("unsupported cloud pair 21Vianet -> commercial",
                        source(CHINA, OUTBOUND_ON, Set.of(GLOBAL), true),
                        target(GLOBAL, INBOUND_ON, true, Set.of(CHINA), true),
                        "TenantSyncCrossCloudPairNotSupported",
                        "Cross-tenant synchronization is not supported from a tenant in Microsoft Azure operated by"
                                + " 21Vianet to a tenant in Microsoft Azure commercial."),
                Arguments.of("unsupported cloud pair US Government -> 21Vianet",
                        source(US_GOV, OUTBOUND_ON, Set.of(CHINA), true),
                        target(CHINA, INBOUND_ON, true, Set.of(US_GOV), true),
                        "TenantSyncCrossCloudPairNotSupported",
                        "Cross-tenant synchronization is not supported from a tenant in Microsoft Azure Government to"
                                + " a tenant in Microsoft Azure operated by 21Vianet."),
                Arguments.of("cross-cloud: source has not enabled the target's cloud",
                        source(GLOBAL, OUTBOUND_ON, Set.of(), true),
                        target(US_GOV, INBOUND_ON, true, Set.of(GLOBAL), true),
                        "TenantSyncCrossCloudEndpointNotAllowed",
                        "The source tenant has not enabled Microsoft Azure Government in its Microsoft cloud settings"
                                + " (crossTenantAccessPolicy.allowedCloudEndpoints must include 'microsoftonline.us')."),
                Arguments.of("cross-cloud: source configuration not created across clouds",
                        source(GLOBAL, OUTBOUND_ON, Set.of(US_GOV), false),
                        target(US_GOV, INBOUND_ON, true, Set.of(GLOBAL), true),
                        "ExternalTenantNotFound",
                        "This tenant was not found by the authentication authority of the current cloud: " + TARGET
                                + ". The authentication authority is https://login.microsoftonline.com/" + TARGET + "."),
                Arguments.of("cross-cloud: US Government source names its own authority",
                        source(US_GOV, OUTBOUND_ON, Set.of(GLOBAL), false),
                        target(GLOBAL, INBOUND_ON, true, Set.of(US_GOV), true),
                        "ExternalTenantNotFound",
                        "This tenant was not found by the authentication authority of the current cloud: " + TARGET
                                + ". The authentication authority is https://login.microsoftonline.us/" + TARGET + "."),
                Arguments.of("cross-cloud: target has not enabled the source's cloud",
                        source(GLOBAL, OUTBOUND_ON, Set.of(US_GOV), true),
                        target(US_GOV, INBOUND_ON, true, Set.of(), true),
                        "TenantSyncCrossCloudEndpointNotAllowed",
                        "The target tenant has not enabled Microsoft Azure commercial in its Microsoft cloud settings"
                                + " (crossTenantAccessPolicy.allowedCloudEndpoints must include 'microsoftonline.com')."),
                Arguments.of("cross-cloud: target has not enabled cross-cloud sync for the source",
                        source(GLOBAL, OUTBOUND_ON, Set.of(US_GOV), true),
                        target(US_GOV, INBOUND_ON, true, Set.of(GLOBAL), false),
                        "AzureActiveDirectoryTokenExpired",
                        "The identity of the calling application could not be established."),
                Arguments.of("cross-cloud reachability is reported before the source's consent",
                        source(GLOBAL, null, Set.of(US_GOV), false),
                        target(US_GOV, INBOUND_ON, true, Set.of(GLOBAL), true),
                        "ExternalTenantNotFound",
                        "This tenant was not found by the authentication authority of the current cloud: " + TARGET
                                + ". The authentication authority is https://login.microsoftonline.com/" + TARGET + "."),
                Arguments.of("cross-cloud fully set but target inbound sync off",
                        source(GLOBAL, OUTBOUND_ON, Set.of(US_GOV), true),
                        target(US_GOV, INBOUND_ON, false, Set.of(GLOBAL), true),
                        POLICY_CHECK, TARGET_INBOUND_SYNC_TEXT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithEntrasCodeAndText(String row, SourceOutboundSettings source, TargetInboundSettings target,
                                      String code, String text) {
        TrustDecision decision = CrossTenantTrust.evaluate(source, target);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision).isInstanceOfSatisfying(TrustDecision.Refused.class, refused -> {
            assertThat(refused.errorCode()).isEqualTo(code);
            assertThat(refused.errorText()).isEqualTo(text);
            assertThat(refused.reason()).isNotBlank();
        });
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("same cloud, both sides opted in",
                        source(OUTBOUND_ON), target(INBOUND_ON, true)),
                Arguments.of("partner values null but defaults true (an emulator may allow it)",
                        new SourceOutboundSettings(SOURCE, GLOBAL, Set.of(),
                                new AutomaticUserConsentSettings(true, true), null, false),
                        new TargetInboundSettings(TARGET, GLOBAL, Set.of(),
                                new AutomaticUserConsentSettings(true, true), null, true, false)),
                Arguments.of("same cloud ignores cross-cloud settings",
                        source(US_GOV, OUTBOUND_ON, Set.of(), false), target(US_GOV, INBOUND_ON, true, Set.of(), false)),
                Arguments.of("commercial -> US Government with every cross-cloud step",
                        source(GLOBAL, OUTBOUND_ON, Set.of(US_GOV), true),
                        target(US_GOV, INBOUND_ON, true, Set.of(GLOBAL), true)),
                Arguments.of("US Government -> commercial with every cross-cloud step",
                        source(US_GOV, OUTBOUND_ON, Set.of(GLOBAL), true),
                        target(GLOBAL, INBOUND_ON, true, Set.of(US_GOV), true)),
                Arguments.of("commercial -> 21Vianet with every cross-cloud step",
                        source(GLOBAL, OUTBOUND_ON, Set.of(CHINA), true),
                        target(CHINA, INBOUND_ON, true, Set.of(GLOBAL), true)),
                Arguments.of("21Vianet -> 21Vianet (configure page lists it)",
                        source(CHINA, OUTBOUND_ON, Set.of(), false), target(CHINA, INBOUND_ON, true, Set.of(), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowsWhenEveryRequirementHolds(String row, SourceOutboundSettings source, TargetInboundSettings target) {
        assertThat(CrossTenantTrust.evaluate(source, target)).isEqualTo(TrustDecision.allow());
    }

    @Test
    void requirementsAreCheckedSourceSideFirstAndReachabilityBeforeConsent() {
        assertThat(TrustRequirement.values()).containsExactly(
                TrustRequirement.SUPPORTED_CLOUD_PAIR,
                TrustRequirement.SOURCE_ALLOWS_TARGET_CLOUD,
                TrustRequirement.SOURCE_CONFIGURED_ACROSS_CLOUDS,
                TrustRequirement.SOURCE_OUTBOUND_AUTOMATIC_CONSENT,
                TrustRequirement.TARGET_ALLOWS_SOURCE_CLOUD,
                TrustRequirement.TARGET_CROSS_CLOUD_SYNC_ENABLED,
                TrustRequirement.TARGET_INBOUND_SYNC_ALLOWED,
                TrustRequirement.TARGET_INBOUND_AUTOMATIC_CONSENT);
    }

    @Test
    void partnerValueOverridesTheDefault() {
        AutomaticUserConsentSettings defaults = new AutomaticUserConsentSettings(true, true);
        assertThat(new AutomaticUserConsentSettings(false, false).effectiveInbound(defaults)).isFalse();
        assertThat(new AutomaticUserConsentSettings(false, false).effectiveOutbound(defaults)).isFalse();
        assertThat(AutomaticUserConsentSettings.INHERITED.effectiveOutbound(defaults)).isTrue();
        assertThat(AutomaticUserConsentSettings.INHERITED
                .effectiveInbound(AutomaticUserConsentSettings.SERVICE_DEFAULT)).isFalse();
    }

    @Test
    void allowedCloudEndpointValuesNameTheirCloud() {
        assertThat(MicrosoftCloud.fromAllowedCloudEndpoint("microsoftonline.us")).contains(US_GOV);
        assertThat(MicrosoftCloud.fromAllowedCloudEndpoint("Partner.MicrosoftOnline.cn")).contains(CHINA);
        assertThat(MicrosoftCloud.fromAllowedCloudEndpoint("microsoftonline.com")).contains(GLOBAL);
        assertThat(MicrosoftCloud.fromAllowedCloudEndpoint("microsoftonline.de")).isEmpty();
    }
}
