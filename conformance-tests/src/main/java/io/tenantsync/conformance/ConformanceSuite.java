package io.tenantsync.conformance;

import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.checks.BulkAndETagChecks;
import io.tenantsync.conformance.checks.CrossTenantChecks;
import io.tenantsync.conformance.checks.DiscoveryChecks;
import io.tenantsync.conformance.checks.EntraChecks;
import io.tenantsync.conformance.checks.GalleryValidationChecks;
import io.tenantsync.conformance.checks.MicrosoftValidatorChecks;
import io.tenantsync.conformance.checks.OktaChecks;
import io.tenantsync.conformance.checks.PatchChecks;
import io.tenantsync.conformance.checks.QueryChecks;
import io.tenantsync.conformance.checks.ResourceChecks;
import io.tenantsync.conformance.report.Reports;
import io.tenantsync.conformance.run.CheckResult;
import io.tenantsync.conformance.run.ConformanceRunner;
import io.tenantsync.conformance.run.SuiteResult;
import io.tenantsync.conformance.run.SuiteSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole conformance suite: SCIM protocol (RFC 7643/7644), client shapes (Microsoft SCIM Validator and gallery
 * validation, Okta SPEC test, Entra provisioning) and cross-tenant behaviour, in that order. The cross-tenant checks run last: one of them
 * moves an emulated target's clock past the soft-delete window.
 */
public final class ConformanceSuite {
    private ConformanceSuite() {
    }

    /** Every check, in the order they run. */
    public static List<Check> checks() {
        List<Check> all = new ArrayList<>();
        all.addAll(DiscoveryChecks.all());
        all.addAll(ResourceChecks.all());
        all.addAll(QueryChecks.all());
        all.addAll(PatchChecks.all());
        all.addAll(BulkAndETagChecks.all());
        all.addAll(MicrosoftValidatorChecks.all());
        all.addAll(GalleryValidationChecks.all());
        all.addAll(OktaChecks.all());
        all.addAll(EntraChecks.all());
        all.addAll(CrossTenantChecks.all());
        return List.copyOf(all);
    }

    /** Runs every check against the endpoint. */
    public static SuiteResult run(SuiteSettings settings, Consumer<CheckResult> progress) {
        return new ConformanceRunner(settings, progress).run(checks());
    }

    /** Runs every check and writes the three reports into {@code reportDirectory}. */
    public static SuiteResult runAndReport(SuiteSettings settings, Path reportDirectory, Consumer<CheckResult> progress) throws IOException {
        SuiteResult result = run(settings, progress);
        Reports.write(result, reportDirectory);
        return result;
    }
}
