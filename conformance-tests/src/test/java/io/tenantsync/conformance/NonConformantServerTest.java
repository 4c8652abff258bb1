package io.tenantsync.conformance;

import static io.tenantsync.conformance.NonConformantScimServer.Defect.CASE_SENSITIVE_USERNAME;
import static io.tenantsync.conformance.NonConformantScimServer.Defect.ERROR_500_ON_BAD_JSON;
import static io.tenantsync.conformance.NonConformantScimServer.Defect.NO_ETAG;
import static io.tenantsync.conformance.NonConformantScimServer.Defect.NO_STRING_BOOLEANS;
import static io.tenantsync.conformance.NonConformantScimServer.Defect.RELATIVE_LOCATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.conformance.NonConformantScimServer.Defect;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.report.Reports;
import io.tenantsync.conformance.run.CheckResult;
import io.tenantsync.conformance.run.Outcome;
import io.tenantsync.conformance.run.SuiteResult;
import io.tenantsync.conformance.run.SuiteSettings;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.server.GatewayServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

/**
 * The suite can fail: against a SCIM server with known defects exactly the checks those defects break fail, and the
 * reports say so. The server is a conformant gateway (no target) with the defects added on the wire; without defects
 * it passes everything but the cross-tenant checks, which are skipped for want of a target.
 */
class NonConformantServerTest {
    /** Which checks each defect must break, and no others. */
    private static final Map<Defect, Set<String>> BREAKS = Map.of(
            CASE_SENSITIVE_USERNAME, Set.of("protocol.filter.eq-userName-ignores-case",
                    "msvalidator.filter-existing-user-different-case", "okta.filter-uppercased-userName"),
            NO_ETAG, Set.of("protocol.etag.get-returns-etag", "protocol.etag.if-none-match-is-304",
                    "protocol.etag.if-match-stale-is-412"),
            ERROR_500_ON_BAD_JSON, Set.of("protocol.errors.malformed-json-is-400"),
            RELATIVE_LOCATION, Set.of("protocol.crud.location-header-is-absolute"),
            NO_STRING_BOOLEANS, Set.of("msvalidator.patch-user-disable", "entra.patch-active-string-boolean"));

    private static GatewayServer gateway;
    private static String secret;

    @BeforeAll
    static void start() throws Exception {
        secret = SecretHash.newSecret(new SecureRandom());
        GatewayConfig config = GatewayConfig.parse("""
                connections:
                  - id: plain
                    sourceTenantId: 11111111-1111-1111-1111-111111111111
                    target:
                      authorityHost: https://login.microsoftonline.com
                      graphBaseUrl: https://graph.microsoft.com/v1.0
                      tenantId: 22222222-2222-2222-2222-222222222222
                      clientId: 33333333-3333-3333-3333-333333333333
                      clientSecret: never-used-without-provisioning
                    authentication:
                      bearerSecretHashes: ["%s"]
                """.formatted(SecretHash.of(secret, new SecureRandom())));
        // no provisioning hooks: a SCIM server only, so the suite's cross-tenant checks have no target to read
        gateway = GatewayServer.start(GatewayServer.Options.of(config, 0, Optional.empty()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    private static SuiteResult runAgainst(Set<Defect> defects) throws Exception {
        try (NonConformantScimServer server = NonConformantScimServer.start(gateway.baseUri(), defects)) {
            URI scim = URI.create(server.origin() + gateway.baseUri().getRawPath());
            return ConformanceSuite.run(SuiteSettings.of(scim, secret), r -> { });
        }
    }

    private static Set<String> crossTenantChecks() {
        return ConformanceSuite.checks().stream().map(Check::name).filter(n -> n.startsWith("cross-tenant."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String explain(SuiteResult result) {
        return result.results().stream().filter(r -> r.outcome() == Outcome.FAILED)
                .map(r -> r.name() + "\n" + r.detail()).collect(Collectors.joining("\n\n"));
    }

    @Test
    void withoutDefectsEveryCheckPassesExceptTheCrossTenantOnesWhichAreSkipped() throws Exception {
        SuiteResult result = runAgainst(Set.of());

        assertThat(result.names(Outcome.FAILED)).as(explain(result)).isEmpty();
        assertThat(result.names(Outcome.SKIPPED)).isEqualTo(crossTenantChecks());
        assertThat(result.results()).filteredOn(r -> r.outcome() == Outcome.SKIPPED)
                .allSatisfy(r -> assertThat(r.detail()).contains("admin credentials for the target tenant's Graph"));
    }

    @Test
    void optionalFeaturesTheServerDoesNotAdvertiseAreSkippedNotFailed() throws Exception {
        SuiteResult result;
        try (NonConformantScimServer server = NonConformantScimServer.withoutOptionalFeatures(gateway.baseUri())) {
            result = ConformanceSuite.run(SuiteSettings.of(URI.create(server.origin() + gateway.baseUri().getRawPath()), secret), r -> { });
        }
        Set<Capability> unadvertised = EnumSet.of(Capability.PATCH, Capability.BULK, Capability.SORT, Capability.ETAG);
        Set<String> needingThem = ConformanceSuite.checks().stream()
                .filter(c -> c.requires().stream().anyMatch(unadvertised::contains)).map(Check::name)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(result.names(Outcome.FAILED)).as(explain(result)).isEmpty();
        Set<String> expected = new TreeSet<>(needingThem);
        expected.addAll(crossTenantChecks());
        assertThat(result.names(Outcome.SKIPPED)).isEqualTo(expected);
        assertThat(result.results()).filteredOn(r -> needingThem.contains(r.name()) && !r.name().startsWith("cross-tenant."))
                .allSatisfy(r -> assertThat(r.detail()).contains("which the endpoint does not advertise"));
        assertThat(needingThem).contains("protocol.bulk.bulkId-reference", "protocol.sort.ascending",
                "protocol.etag.get-returns-etag", "entra.patch-active-string-boolean");
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void eachDefectFailsExactlyTheChecksThatExerciseIt(Defect defect) throws Exception {
        SuiteResult result = runAgainst(EnumSet.of(defect));

        assertThat(result.names(Outcome.FAILED)).as(explain(result)).isEqualTo(new TreeSet<>(BREAKS.get(defect)));
        assertThat(result.names(Outcome.SKIPPED)).isEqualTo(crossTenantChecks());
    }

    @Test
    void allDefectsTogetherFailTheirChecksAndTheReportsSayWhatWasSentReceivedAndExpected(@TempDir Path dir) throws Exception {
        SuiteResult result = runAgainst(EnumSet.allOf(Defect.class));
        Set<String> expected = BREAKS.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertThat(result.names(Outcome.FAILED)).as(explain(result)).isEqualTo(expected);

        CheckResult location = result.results().stream().filter(r -> r.name().equals("protocol.crud.location-header-is-absolute")).findFirst().orElseThrow();
        assertThat(location.detail()).contains("expected: an absolute Location URI").contains("sent: POST ").contains("received: 201")
                .contains("Authorization: Bearer ***").doesNotContain(secret);
        CheckResult badJson = result.results().stream().filter(r -> r.name().equals("protocol.errors.malformed-json-is-400")).findFirst().orElseThrow();
        assertThat(badJson.detail()).contains("expected: HTTP status 400").contains("received: 500").contains("Internal Server Error");

        Reports.write(result, dir);

        String markdown = Files.readString(dir.resolve(Reports.MARKDOWN));
        assertThat(markdown).contains("**" + result.count(Outcome.PASSED) + " passed, " + expected.size() + " failed, "
                + crossTenantChecks().size() + " skipped**");
        expected.forEach(name -> assertThat(markdown).contains("### `" + name + "`"));
        assertThat(markdown).doesNotContain(secret);

        JsonNode json = new ObjectMapper().readTree(dir.resolve(Reports.JSON).toFile());
        assertThat(json.path("summary").path("failed").asInt()).isEqualTo(expected.size());
        assertThat(json.path("checks").size()).isEqualTo(ConformanceSuite.checks().size());
        Set<String> failedInJson = new TreeSet<>();
        json.path("checks").forEach(c -> {
            if (c.path("outcome").asText().equals("failed")) failedInJson.add(c.path("name").asText());
        });
        assertThat(failedInJson).isEqualTo(expected);

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(Reports.JUNIT).toFile());
        assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo(Integer.toString(ConformanceSuite.checks().size()));
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo(Integer.toString(expected.size()));
        assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(expected.size());
        assertThat(junit.getElementsByTagName("skipped").getLength()).isEqualTo(crossTenantChecks().size());
        assertThat(Files.readString(dir.resolve(Reports.JUNIT))).doesNotContain(secret);
    }
}
