package io.tenantsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.conformance.run.CheckResult;
import io.tenantsync.conformance.run.Outcome;
import io.tenantsync.conformance.run.SuiteResult;
import io.tenantsync.conformance.run.SuiteSettings;
import io.tenantsync.conformance.target.CrossTenantSettings;
import io.tenantsync.conformance.target.EmulatorControl;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.provisioning.TargetProvisioning;
import io.tenantsync.gateway.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite against tenantsync itself: the SCIM gateway in-process in front of the emulator's fabrikam, with
 * the cross-tenant checks reading fabrikam through Graph as its admin and steering its clock and policy.
 */
class TenantsyncConformanceTest {
    private static final String COMPANY = "Contoso (Synced)";
    private static EmulatedTenants tenants;
    private static GatewayServer gateway;
    private static String secret;
    private static final AdvancingClock CLOCK = new AdvancingClock();

    @BeforeAll
    static void start() throws Exception {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        secret = SecretHash.newSecret(new SecureRandom());
        var f = tenants.fabrikam();
        GatewayConfig config = GatewayConfig.parse("""
                connections:
                  - id: contoso-to-fabrikam
                    sourceTenantId: %s
                    target:
                      authorityHost: %s
                      graphBaseUrl: %s
                      tenantId: %s
                      clientId: %s
                      clientSecret: %s
                      caCertificate: %s
                    mappings:
                      extends: cts-defaults
                      mappings:
                        - target: companyName
                          constant: %s
                        - target: extensionAttribute1
                          source: employeeId
                    provisioningWait: PT10S
                    authentication:
                      bearerSecretHashes: ["%s"]
                """.formatted(EmulatedTenants.CONTOSO, f.authorityHost(), f.graphBaseUrl(), f.tenantId(), f.clientId(),
                f.clientSecret(), f.caCertificatePem(), COMPANY, SecretHash.of(secret, new SecureRandom())));
        gateway = GatewayServer.start(GatewayServer.Options.of(config, 0, Optional.empty())
                .withProvisioning(TargetProvisioning.factory(Optional.empty(), CLOCK, Duration.ofMillis(500))));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (tenants != null) tenants.close();
    }

    @Test
    void tenantsyncPassesEveryCheckIncludingTheCrossTenantOnes() throws Exception {
        CrossTenantSettings target = CrossTenantSettings.of(tenants.fabrikam())
                .withSourceTenant(EmulatedTenants.CONTOSO.toString())
                .withEmulator(new EmulatorControl(tenants.controlUrl(), tenants.controlToken(), Optional.of(tenants.server.caCertificate())))
                .withExpectedCompanyName(COMPANY)
                .withExtensionAttribute1From("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber")
                // the gateway reuses a trust decision for 15 s: move its clock past that instead of waiting
                .withPolicyPropagation(Duration.ofSeconds(30), () -> CLOCK.advance(Duration.ofSeconds(16)));
        SuiteSettings settings = SuiteSettings.of(gateway.baseUri(), secret).withUserDomain("contoso.com").withCrossTenant(target);
        Path reports = Files.createDirectories(Path.of("target", "conformance-reports", "tenantsync"));

        SuiteResult result = ConformanceSuite.runAndReport(settings, reports, r -> { });

        String failures = result.results().stream().filter(r -> r.outcome() != Outcome.PASSED)
                .map(r -> r.outcome() + " " + r.name() + "\n" + r.detail()).collect(Collectors.joining("\n\n"));
        assertThat(result.names(Outcome.FAILED)).as(failures).isEmpty();
        assertThat(result.names(Outcome.SKIPPED)).as(failures).isEmpty();
        assertThat(result.results()).extracting(CheckResult::name).hasSameSizeAs(ConformanceSuite.checks());
    }
}
