package io.tenantsync.cli;

import io.tenantsync.conformance.ConformanceSuite;
import io.tenantsync.conformance.report.Reports;
import io.tenantsync.conformance.run.Outcome;
import io.tenantsync.conformance.run.SuiteResult;
import io.tenantsync.conformance.run.SuiteSettings;
import io.tenantsync.conformance.target.CrossTenantSettings;
import io.tenantsync.conformance.target.EmulatorControl;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.target.GraphConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenantsync conformance}: runs the conformance suite against any SCIM endpoint (and, given its target
 * tenant's Graph admin credentials, the cross-tenant checks), writes the Markdown, JSON and JUnit XML reports, and
 * exits 1 when a check failed.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance suite against a SCIM endpoint: SCIM protocol (RFC 7643/7644), the request "
                + "shapes of the Microsoft SCIM Validator, Okta's SPEC test and Entra provisioning, and, with the "
                + "target tenant's Graph admin credentials, cross-tenant behaviour. Writes conformance.md, "
                + "conformance.json and conformance-junit.xml into --report; exits 1 when a check failed. Optional "
                + "features the endpoint does not advertise, and checks needing options not given, are skipped.")
final class ConformanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scim-url", required = true, paramLabel = "URL", description = "The SCIM base URL, e.g. http://127.0.0.1:8444/scim/v2.")
    URI scimUrl;

    @Option(names = "--scim-token", required = true, paramLabel = "TOKEN", description = "The bearer token the endpoint accepts (never printed).")
    String scimToken;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "Where the three reports are written.")
    Path report;

    @Option(names = "--user-domain", paramLabel = "DOMAIN", defaultValue = "example.com",
            description = "Domain of the e-mail addresses of the users the suite creates (default: ${DEFAULT-VALUE}). With a cross-tenant target: a domain of the source tenant.")
    String userDomain;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S", description = "Per-request timeout, ISO-8601 (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--graph-url", paramLabel = "URL", description = "Cross-tenant checks: the target tenant's Graph base URL including the version, e.g. https://graph.microsoft.com/v1.0.")
    URI graphUrl;

    @Option(names = "--authority", paramLabel = "URL", description = "Cross-tenant checks: the identity platform host (https), e.g. https://login.microsoftonline.com.")
    URI authority;

    @Option(names = "--tenant", paramLabel = "ID", description = "Cross-tenant checks: the target tenant's id.")
    String tenant;

    @Option(names = "--client-id", paramLabel = "ID", description = "Cross-tenant checks: an admin app of the target tenant.")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "Cross-tenant checks: that app's secret (never printed).")
    String clientSecret;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "Cross-tenant checks: a CA certificate to trust for Graph and the authority (the emulator's).")
    Path caCert;

    @Option(names = "--cloud", paramLabel = "CLOUD", defaultValue = "global", description = "Cross-tenant checks: global, usGov or china (default: ${DEFAULT-VALUE}).")
    String cloud;

    @Option(names = "--source-tenant", paramLabel = "ID", description = "Cross-tenant checks: the source tenant; enables the refusal check, which withdraws and restores its inbound sync policy in the target.")
    String sourceTenant;

    @Option(names = "--emulator-control-url", paramLabel = "URL", description = "Cross-tenant checks against the emulator: its /_emulator URL; enables the purge and lost-response checks (they move its clock 31 days and inject a fault).")
    URI emulatorControlUrl;

    @Option(names = "--emulator-control-token", paramLabel = "TOKEN", description = "The emulator's control token (never printed).")
    String emulatorControlToken;

    @Option(names = "--expect-company-name", paramLabel = "TEXT", description = "Cross-tenant checks: the tenant-of-origin constant the endpoint maps to companyName.")
    String expectCompanyName;

    @Option(names = "--expect-extension-attribute1-from", paramLabel = "SCIM-ATTRIBUTE",
            description = "Cross-tenant checks: the SCIM attribute the endpoint maps to extensionAttribute1, e.g. urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber.")
    String expectExtensionAttribute1From;

    @Option(names = "--provisioning-timeout", paramLabel = "DURATION", defaultValue = "PT60S", description = "How long a SCIM write may take to show in the target (default: ${DEFAULT-VALUE}).")
    String provisioningTimeout;

    @Option(names = "--policy-propagation", paramLabel = "DURATION", defaultValue = "PT60S", description = "How long a policy change may take to reach the endpoint (default: ${DEFAULT-VALUE}).")
    String policyPropagation;

    @Override
    public Integer call() throws IOException {
        SuiteSettings settings = new SuiteSettings(scimUrl, scimToken, userDomain, duration("--timeout", timeout), crossTenant());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Running " + ConformanceSuite.checks().size() + " checks against " + scimUrl
                + (settings.crossTenant().isPresent() ? " with target tenant " + tenant : " (no target tenant: cross-tenant checks skipped)"));
        out.flush();
        SuiteResult result = ConformanceSuite.run(settings, r -> {
            if (r.outcome() == Outcome.FAILED) {
                out.println("  FAILED  " + r.name());
                out.flush();
            }
        });
        Files.createDirectories(report);
        List<Path> written = Reports.write(result, report);
        out.printf("%d passed, %d failed, %d skipped of %d checks in %.1f s%n", result.count(Outcome.PASSED),
                result.count(Outcome.FAILED), result.count(Outcome.SKIPPED), result.results().size(), result.duration().toMillis() / 1000.0);
        out.println("Reports: " + written.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(", ")));
        out.flush();
        return result.passed() ? 0 : 1;
    }

    private Optional<CrossTenantSettings> crossTenant() {
        List<Object> target = Arrays.asList(graphUrl, authority, tenant, clientId, clientSecret);
        if (target.stream().allMatch(v -> v == null)) {
            if (sourceTenant != null || emulatorControlUrl != null || expectCompanyName != null || expectExtensionAttribute1From != null) {
                throw new CliException("--source-tenant, --emulator-control-url and --expect-* need the target tenant: "
                        + "--graph-url, --authority, --tenant, --client-id and --client-secret");
            }
            return Optional.empty();
        }
        if (target.stream().anyMatch(v -> v == null)) {
            throw new CliException("the cross-tenant checks need all of --graph-url, --authority, --tenant, --client-id and --client-secret");
        }
        if ((emulatorControlUrl == null) != (emulatorControlToken == null)) {
            throw new CliException("--emulator-control-url and --emulator-control-token go together");
        }
        GraphConnection admin;
        try {
            admin = new GraphConnection(authority, graphUrl, tenant, clientId, clientSecret, caCert, cloud(cloud));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        CrossTenantSettings settings = new CrossTenantSettings(admin, Optional.ofNullable(sourceTenant),
                Optional.ofNullable(emulatorControlUrl).map(url -> new EmulatorControl(url, emulatorControlToken, Optional.ofNullable(caCert))),
                Optional.ofNullable(expectCompanyName), Optional.ofNullable(expectExtensionAttribute1From),
                duration("--provisioning-timeout", provisioningTimeout), duration("--policy-propagation", policyPropagation), null);
        return Optional.of(settings);
    }

    private static MicrosoftCloud cloud(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "global" -> MicrosoftCloud.GLOBAL;
            case "usgov" -> MicrosoftCloud.US_GOV;
            case "china" -> MicrosoftCloud.CHINA;
            default -> throw new CliException("--cloud must be global, usGov or china, not " + name);
        };
    }

    private static Duration duration(String option, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException(option + " must be an ISO-8601 duration such as PT60S, not " + value);
        }
    }

}
