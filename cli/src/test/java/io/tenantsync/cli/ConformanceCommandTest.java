package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code tenantsync conformance} against the demo's gateway on another port, with fabrikam's Graph as the target: it
 * writes the three reports, and its exit status says whether every check passed.
 */
@Tag("needs-cross-tenant-access-policy")
class ConformanceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theSuiteRunAgainstTheDemoGatewayPassesAndWritesThreeReportsThatParse() throws Exception {
        Path file = tmp.resolve("ep.json");
        Path reports = tmp.resolve("reports");
        try (CliRun.Serving demo = CliRun.serve("demo", "--port-base", "0", "--endpoints-file", file.toString())) {
            JsonNode ep = JSON.readTree(file.toFile());
            JsonNode target = ep.path("tenants").path("target");
            CliRun.Result r = CliRun.run("conformance",
                    "--scim-url", ep.path("scim").path("baseUrl").asText(),
                    "--scim-token", ep.path("scim").path("token").asText(),
                    "--user-domain", ep.path("tenants").path("source").path("domain").asText(),
                    "--graph-url", ep.path("graph").path("baseUrl").asText(),
                    "--authority", ep.path("graph").path("authority").asText(),
                    "--ca-cert", ep.path("graph").path("caCertificate").asText(),
                    "--tenant", target.path("tenantId").asText(),
                    "--client-id", target.path("clientId").asText(),
                    "--client-secret", target.path("clientSecret").asText(),
                    "--source-tenant", ep.path("tenants").path("source").path("tenantId").asText(),
                    "--emulator-control-url", ep.path("emulator").path("controlUrl").asText(),
                    "--emulator-control-token", ep.path("emulator").path("controlToken").asText(),
                    "--expect-company-name", "Contoso (Synced)",
                    "--report", reports.toString());

            assertThat(r.exitCode()).as(r.out() + r.err() + report(reports)).isZero();
            assertThat(r.out()).containsPattern("\\d+ passed, 0 failed, 1 skipped of \\d+ checks");
            assertThat(r.out() + r.err()).doesNotContain(ep.path("scim").path("token").asText())
                    .doesNotContain(target.path("clientSecret").asText());
        }
        JsonNode json = JSON.readTree(reports.resolve("conformance.json").toFile());
        assertThat(json.path("summary").path("failed").asInt()).isZero();
        assertThat(json.path("checks").size()).isGreaterThan(100);
        // the demo's gateway maps no extensionAttribute1, so that check has nothing to compare against
        assertThat(json.path("checks")).filteredOn(c -> c.path("outcome").asText().equals("skipped"))
                .extracting(c -> c.path("name").asText()).containsExactly("cross-tenant.extension-attribute1");
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("conformance-junit.xml").toFile());
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo(Integer.toString(json.path("checks").size()));
        assertThat(Files.readString(reports.resolve("conformance.md"))).startsWith("# SCIM conformance report")
                .contains("0 failed");
    }

    @Test
    void aWrongTokenFailsChecksAndExitsOneStillWritingTheReports() throws Exception {
        Path file = tmp.resolve("ep.json");
        Path reports = tmp.resolve("reports");
        try (CliRun.Serving demo = CliRun.serve("demo", "--no-seed", "--port-base", "0", "--endpoints-file", file.toString())) {
            JsonNode ep = JSON.readTree(file.toFile());
            CliRun.Result r = CliRun.run("conformance", "--scim-url", ep.path("scim").path("baseUrl").asText(),
                    "--scim-token", "not-the-gateway-token-0123456789", "--report", reports.toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("FAILED  protocol.crud.create-user");
        }
        assertThat(JSON.readTree(reports.resolve("conformance.json").toFile()).path("summary").path("failed").asInt()).isPositive();
        assertThat(reports.resolve("conformance.md")).exists();
        assertThat(reports.resolve("conformance-junit.xml")).exists();
    }

    @Test
    void partOfTheTargetCredentialsIsAUsageErrorNamingWhatIsMissing() {
        CliRun.Result r = CliRun.run("conformance", "--scim-url", "http://127.0.0.1:1/scim/v2", "--scim-token", "t",
                "--report", tmp.toString(), "--graph-url", "https://127.0.0.1:2/v1.0");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("need all of --graph-url, --authority, --tenant, --client-id and --client-secret");
    }

    private static String report(Path reports) {
        try {
            return Files.readString(reports.resolve("conformance.md"));
        } catch (java.io.IOException e) {
            return "(no report)";
        }
    }
}
