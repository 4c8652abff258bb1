package io.tenantsync.emulator.sdk;

import com.microsoft.graph.models.DirectoryAudit;
import com.microsoft.graph.models.DirectoryAuditCollectionResponse;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.VerifiedDomain;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.emulator.EmulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.tenantsync.emulator.EmulatorFixture.CONTOSO;
import static io.tenantsync.emulator.EmulatorFixture.FABRIKAM;
import static io.tenantsync.emulator.sdk.CrossTenantPolicySdkTest.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /organization}, {@code /domains} and {@code /auditLogs/directoryAudits} read through the SDK. */
class OrganizationAndAuditsSdkTest {
    static EmulatorFixture f;
    static GraphServiceClient contoso, fabrikam;
    static OffsetDateTime startedAt;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        contoso = SdkClients.contoso(f);
        fabrikam = SdkClients.fabrikam(f);
        startedAt = OffsetDateTime.now().minusSeconds(5);
        // writes that leave audit entries: a user (UserManagement), then a partner (Policy)
        contoso.users().post(UsersSdkTest.newUser("audited"));
        contoso.policies().crossTenantAccessPolicy().partners().post(partner(FABRIKAM));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void organizationIsTheCallersTenantWithItsVerifiedDomains() {
        List<Organization> orgs = contoso.organization().get().getValue();
        assertThat(orgs).singleElement().satisfies(o -> {
            assertThat(o.getId()).isEqualTo(CONTOSO.toString());
            assertThat(o.getDisplayName()).isEqualTo("Contoso");
            assertThat(o.getTenantType()).isEqualTo("AAD");
            assertThat(o.getCountryLetterCode()).isEqualTo("US");
            assertThat(o.getVerifiedDomains()).extracting(VerifiedDomain::getName)
                    .containsExactly("contoso.onmicrosoft.com", "contoso.com");
            VerifiedDomain initial = o.getVerifiedDomains().get(0);
            assertThat(initial.getIsInitial()).isTrue();
            assertThat(initial.getIsDefault()).isTrue();
            assertThat(initial.getType()).isEqualTo("Managed");
            assertThat(o.getVerifiedDomains().get(1).getIsInitial()).isFalse();
        });
        assertThat(contoso.organization().byOrganizationId(CONTOSO.toString()).get().getId()).isEqualTo(CONTOSO.toString());
        // another tenant's organization is not visible
        assertThatThrownBy(() -> contoso.organization().byOrganizationId(FABRIKAM.toString()).get())
                .isInstanceOf(com.microsoft.graph.models.odataerrors.ODataError.class);
        assertThat(contoso.domains().get().getValue()).extracting(d -> d.getId()).containsExactly("contoso.onmicrosoft.com", "contoso.com");
    }

    @Test
    void directoryAuditsListTheTenantsWritesNewestFirstAndFilter() {
        List<DirectoryAudit> all = contoso.auditLogs().directoryAudits().get().getValue();
        assertThat(all).extracting(DirectoryAudit::getActivityDisplayName)
                .containsExactly("Add a partner to cross-tenant access setting", "Add user");
        assertThat(all.get(0).getCategory()).isEqualTo("Policy");
        assertThat(all.get(1).getCategory()).isEqualTo("UserManagement");
        assertThat(all.get(1).getTargetResources().get(0).getUserPrincipalName()).isEqualTo("audited@contoso.onmicrosoft.com");
        assertThat(all.get(0).getInitiatedBy().getApp().getAppId()).isEqualTo("contoso-admin");

        assertThat(contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.filter = "category eq 'Policy'").getValue())
                .extracting(DirectoryAudit::getActivityDisplayName).containsExactly("Add a partner to cross-tenant access setting");
        assertThat(contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.filter = "activityDisplayName eq 'add user'").getValue())
                .hasSize(1);
        assertThat(contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.filter = "startswith(activityDisplayName,'Add a')").getValue())
                .hasSize(1);
        String since = startedAt.toInstant().toString();
        assertThat(contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.filter = "activityDateTime ge " + since).getValue())
                .hasSize(2);
        assertThat(contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.filter = "activityDateTime le " + since).getValue())
                .isEmpty();
        assertThat(contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.orderby = new String[]{"activityDateTime asc"}).getValue())
                .extracting(DirectoryAudit::getActivityDisplayName).containsExactly("Add user", "Add a partner to cross-tenant access setting");

        DirectoryAudit one = contoso.auditLogs().directoryAudits().byDirectoryAuditId(all.get(1).getId()).get();
        assertThat(one.getActivityDisplayName()).isEqualTo("Add user");

        // other tenants' entries are confined to them
        assertThat(fabrikam.auditLogs().directoryAudits().get().getValue()).isEmpty();
        assertThatThrownBy(() -> fabrikam.auditLogs().directoryAudits().byDirectoryAuditId(one.getId()).get())
                .isInstanceOf(com.microsoft.graph.models.odataerrors.ODataError.class);
    }

    @Test
    void directoryAuditsPageWithTopAndNextLink() {
        List<String> seen = new ArrayList<>();
        DirectoryAuditCollectionResponse page = contoso.auditLogs().directoryAudits().get(rc -> rc.queryParameters.top = 1);
        while (true) {
            page.getValue().forEach(a -> seen.add(a.getActivityDisplayName()));
            if (page.getOdataNextLink() == null) break;
            assertThat(page.getValue()).hasSize(1);
            page = contoso.auditLogs().directoryAudits().withUrl(page.getOdataNextLink()).get();
        }
        assertThat(seen).containsExactly("Add a partner to cross-tenant access setting", "Add user");
    }
}
