package io.tenantsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.mapping.AttributeMapping;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.MappingSource;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.provision.ProvisioningOutcome.Status;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.Link;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.reconcile.SourceState;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One user through map → shape → find → decide → act, against the emulated fabrikam tenant over the Graph SDK. */
class UserProvisionerTest {


    private static EmulatedTenants tenants;
    private static GraphTargetDirectory fabrikam;
    private static final AtomicReference<TrustDecision> TRUST = new AtomicReference<>(TrustDecision.allow());

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        tenants.close();
    }

    private static UserProvisioner provisioner() {
        MappingSet mappings = MappingSet.ctsDefaults()
                .with(AttributeMapping.of("companyName", new MappingSource.Constant("Contoso (Synced)")));
        return new UserProvisioner(fabrikam, mappings, ReconcileOptions.defaults(),
                new ExternalUpnFormat("fabrikam.onmicrosoft.com"), TRUST::get, sourceId -> Optional.empty(),
                EvaluationContext.system(), Clock.systemUTC());
    }

    private static SourceUser live(String alias, String department, boolean enabled, boolean inScope) {
        Attributes attributes = Attributes.of("userPrincipalName", alias + "@contoso.com", "mail", alias + "@contoso.com",
                "displayName", alias, "givenName", alias, "surname", "Tester", "department", department,
                "accountEnabled", enabled, "netId", alias + "-net");
        SourceState.Scope scope = inScope ? SourceState.Scope.in("assigned") : SourceState.Scope.out("removed from group");
        return new SourceUser("src-" + alias, new SourceState.Live(attributes, enabled, scope));
    }

    private static long writesSince(long mark) {
        return tenants.graphWritesSince(mark);
    }

    private static TargetState.Present present(ProvisioningOutcome outcome) {
        return (TargetState.Present) fabrikam.get(outcome.targetObjectId().orElseThrow());
    }

    @Test
    void aNewUserBecomesAB2bMemberWithTheExtUpnAndMappedAttributesInTwoWrites() {
        long mark = tenants.journalMark();
        ProvisioningOutcome outcome = provisioner().provision(live("ada", "Research", true, true), new Link.Unlinked());

        assertThat(outcome.status()).isEqualTo(Status.SUCCESS);
        assertThat(outcome.lastDecision().orElseThrow().action()).isInstanceOf(Action.Create.class);
        TargetState.Present user = present(outcome);
        assertThat(user.origin()).isEqualTo(TargetState.Origin.EXTERNAL);
        assertThat(user.attributes().getString("userPrincipalName"))
                .isEqualTo("ada_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        assertThat(user.userType()).isEqualTo("Member");
        assertThat(user.attributes().get("companyName")).isEqualTo("Contoso (Synced)");
        assertThat(user.attributes().get("department")).isEqualTo("Research");
        assertThat(writesSince(mark)).isEqualTo(2);
    }

    @Test
    void provisioningAgainWithNothingChangedWritesNothing() {
        UserProvisioner provisioner = provisioner();
        ProvisioningOutcome first = provisioner.provision(live("grace", "Research", true, true), new Link.Unlinked());
        long mark = tenants.journalMark();

        ProvisioningOutcome second = provisioner.provision(live("grace", "Research", true, true), first.link());

        assertThat(second.status()).as("%s", second.decisions()).isEqualTo(Status.SKIPPED);
        assertThat(second.lastDecision().orElseThrow().action())
                .isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
        assertThat(writesSince(mark)).isZero();
    }

    @Test
    void aChangedAttributeIsOneWrite() {
        UserProvisioner provisioner = provisioner();
        Link link = provisioner.provision(live("alan", "Research", true, true), new Link.Unlinked()).link();
        long mark = tenants.journalMark();

        ProvisioningOutcome outcome = provisioner.provision(live("alan", "Cryptography", true, true), link);

        assertThat(outcome.status()).isEqualTo(Status.SUCCESS);
        assertThat(present(outcome).attributes().get("department")).isEqualTo("Cryptography");
        assertThat(writesSince(mark)).isEqualTo(1);
    }

    @Test
    void aDisabledSourceUserIsDisabledInTheTarget() {
        UserProvisioner provisioner = provisioner();
        Link link = provisioner.provision(live("edsger", "Research", true, true), new Link.Unlinked()).link();

        ProvisioningOutcome outcome = provisioner.provision(live("edsger", "Research", false, true), link);

        assertThat(present(outcome).accountEnabled()).isFalse();
    }

    @Test
    void leavingScopeSoftDeletesAndComingBackRestoresTheSameObject() {
        UserProvisioner provisioner = provisioner();
        ProvisioningOutcome created = provisioner.provision(live("barbara", "Research", true, true), new Link.Unlinked());
        String objectId = created.targetObjectId().orElseThrow();

        ProvisioningOutcome removed = provisioner.provision(live("barbara", "Research", true, false), created.link());
        assertThat(removed.link()).isEqualTo(new Link.Linked(objectId, true));
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);

        ProvisioningOutcome back = provisioner.provision(live("barbara", "Compilers", true, true), removed.link());
        assertThat(back.decisions()).extracting(d -> d.action().getClass().getSimpleName())
                .containsExactly("Restore", "Update");
        assertThat(back.targetObjectId()).contains(objectId);
        assertThat(present(back).attributes().get("department")).isEqualTo("Compilers");
    }

    @Test
    void aCreateWhoseResponseWasLostIsFoundAndLinkedNotDuplicated() {
        tenants.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},"
                + "\"action\":{\"dropResponse\":true,\"count\":1}}");
        UserProvisioner provisioner = provisioner();
        long mark = tenants.journalMark();
        ProvisioningOutcome first;
        try {
            first = provisioner.provision(live("frances", "Research", true, true), new Link.Unlinked());
        } finally {
            tenants.clearFaults();
        }
        // the invitation was committed but its response lost; the retry of the same invitation finds that user
        assertThat(tenants.journalSince(mark, "/invitations")).hasSize(2);
        ProvisioningOutcome again = provisioner.provision(live("frances", "Research", true, true), first.link());

        String objectId = ((TargetState.Present) fabrikam.findExternalUser("frances@contoso.com").orElseThrow()).objectId();
        assertThat(first.targetObjectId()).contains(objectId);
        assertThat(again.status()).as("%s", again.decisions()).isEqualTo(Status.SKIPPED);
        assertThat(again.targetObjectId()).contains(objectId);
    }

    @Test
    void aUserWhoseLinkWasLostIsFoundByItsAddressAndLinkedNotDuplicated() {
        UserProvisioner provisioner = provisioner();
        ProvisioningOutcome created = provisioner.provision(live("jean", "Research", true, true), new Link.Unlinked());
        long mark = tenants.journalMark();

        ProvisioningOutcome relinked = provisioner.provision(live("jean", "Research", true, true), new Link.Unlinked());

        assertThat(relinked.status()).as("%s", relinked.decisions()).isEqualTo(Status.SKIPPED);
        assertThat(relinked.link()).isEqualTo(created.link());
        assertThat(writesSince(mark)).isZero();
    }

    @Test
    void aRefusedTrustWritesNothingAndSaysWhy() {
        TRUST.set(new TrustDecision.Refused("target withdrew inbound sync",
                "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
                "The target tenant has not enabled inbound synchronization with this tenant."));
        try {
            long mark = tenants.journalMark();
            ProvisioningOutcome outcome = provisioner().provision(live("linus", "Research", true, true), new Link.Unlinked());

            assertThat(outcome.status()).isEqualTo(Status.SKIPPED);
            assertThat(outcome.lastDecision().orElseThrow().reason()).contains("inbound synchronization");
            assertThat(writesSince(mark)).isZero();
        } finally {
            TRUST.set(TrustDecision.allow());
        }
    }

    @Test
    void aMappingThatCannotBeEvaluatedFailsWithoutWriting() {
        MappingSet unique = MappingSet.ctsDefaults().with(AttributeMapping.of("mailNickname",
                new MappingSource.Computed(io.tenantsync.core.mapping.expression.Expression.parse(
                        "SelectUniqueValue([mailNickname], Join(\"\", [mailNickname], \"2\"))"))).withApply(io.tenantsync.core.mapping.ApplyMode.ON_CREATE_ONLY));
        EvaluationContext everythingTaken = EvaluationContext.system().withUniqueness((attribute, value) -> true);
        UserProvisioner provisioner = new UserProvisioner(fabrikam, unique, ReconcileOptions.defaults(),
                new ExternalUpnFormat("fabrikam.onmicrosoft.com"), TRUST::get, id -> Optional.empty(),
                everythingTaken, Clock.systemUTC());
        long mark = tenants.journalMark();

        ProvisioningOutcome outcome = provisioner.provision(live("niklaus", "Research", true, true), new Link.Unlinked());

        assertThat(outcome.status()).isEqualTo(Status.FAILURE);
        assertThat(outcome.error()).contains("SelectUniqueValue");
        assertThat(writesSince(mark)).isZero();
    }

    @Test
    void theManagerIsWrittenAsTheLinkedTargetUser() {
        UserProvisioner plain = provisioner();
        ProvisioningOutcome boss = plain.provision(live("tony", "Research", true, true), new Link.Unlinked());
        MappingSet mappings = MappingSet.ctsDefaults();
        UserProvisioner withManagers = new UserProvisioner(fabrikam, mappings, ReconcileOptions.defaults(),
                new ExternalUpnFormat("fabrikam.onmicrosoft.com"), TRUST::get,
                sourceId -> sourceId.equals("src-tony") ? boss.targetObjectId() : Optional.empty(),
                EvaluationContext.system(), Clock.systemUTC());
        SourceUser report = live("leslie", "Research", true, true);
        Attributes withManager = ((SourceState.Live) report.state()).attributes().with("manager", "src-tony");
        SourceUser reportWithManager = new SourceUser(report.sourceId(),
                new SourceState.Live(withManager, true, SourceState.Scope.in("assigned")));

        ProvisioningOutcome outcome = withManagers.provision(reportWithManager, new Link.Unlinked());
        long mark = tenants.journalMark();
        ProvisioningOutcome again = withManagers.provision(reportWithManager, outcome.link());

        assertThat(present(outcome).attributes().get("manager")).isEqualTo(boss.targetObjectId().orElseThrow());
        assertThat(again.status()).as("%s", again.decisions()).isEqualTo(Status.SKIPPED);
        assertThat(writesSince(mark)).isZero();
        assertThat(List.of(outcome.status())).containsExactly(Status.SUCCESS);
    }
}
