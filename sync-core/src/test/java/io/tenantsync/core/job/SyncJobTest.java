package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.scope.ScopingClause;
import io.tenantsync.core.scope.ScopingFilter;
import io.tenantsync.core.scope.ScopingFilterSet;
import io.tenantsync.core.scope.ScopingOperator;
import io.tenantsync.core.source.GraphSourceDirectory;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.ProvisioningLogQuery;
import io.tenantsync.core.store.ProvisioningStatus;
import io.tenantsync.core.store.ProvisioningStep;
import io.tenantsync.core.store.ProvisioningStepType;
import io.tenantsync.core.store.QuarantineReason;
import io.tenantsync.core.store.QuarantineState;
import io.tenantsync.core.store.RestartScope;
import io.tenantsync.core.store.StagedDeletion;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.TenantGraphClientFactory;
import io.tenantsync.emulator.graph.RequestJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's cycles against emulated contoso (source) and fabrikam (target), following the validation the operators'
 * guides prescribe for Cross-Tenant Synchronization. Each test has its own connection and assigned group, so it sees
 * only its own users; the tenants and the store are shared.
 */
class SyncJobTest {


    private static EmulatedTenants tenants;
    private static GraphServiceClient contosoGraph;
    private static GraphSourceDirectory contoso;
    private static GraphTargetDirectory fabrikam;
    private static JdbcSyncStore store;

    /** The job's clock, moved by hand past quarantine back-offs and escrow retries; starts at the emulator's now. */
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        contosoGraph = TenantGraphClientFactory.create(tenants.contoso(), GraphClientOptions.DEFAULTS);
        contoso = new GraphSourceDirectory(contosoGraph, tenants.contoso());
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        store = JdbcSyncStore.inMemory(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        store.close();
        tenants.close();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Test
    void aUserAddedToTheAssignedGroupBecomesAB2bMemberWithAnExtUpnOnTheFirstCycle() {
        String group = createGroup("First");
        String alice = createUser("alice", u -> u.setDepartment("Sales"));
        addMember(group, alice);
        SyncJob job = job(settings(group));

        CycleSummary first = job.runCycle();

        assertThat(first.kind()).isEqualTo(CycleKind.INITIAL);
        assertThat(first.completed()).as(first.error()).isTrue();
        assertThat(first.created()).isEqualTo(1);
        TargetState.Present user = present(job, alice);
        assertThat(user.origin()).isEqualTo(TargetState.Origin.EXTERNAL);
        assertThat(user.userType()).isEqualTo("Member");
        assertThat(user.attributes().getString("userPrincipalName")).startsWith(upnPrefix(alice)).contains("#EXT#@");
        assertThat(user.attributes().get("department")).isEqualTo("Sales");
        assertThat(store.provisioningLog().query(ProvisioningLogQuery.of(job.settings().connection())
                .action(ProvisioningAction.CREATE).status(ProvisioningStatus.SUCCESS)).entries()).hasSize(1);
    }

    @Test
    void aDepartmentChangedInTheSourceIsUpdatedByTheNextIncrementalCycle() {
        String group = createGroup("Update");
        String bob = createUser("bob", u -> u.setDepartment("Sales"));
        addMember(group, bob);
        SyncJob job = job(settings(group));
        job.runCycle();

        patchUser(bob, u -> u.setDepartment("Marketing"));
        CycleSummary next = job.runCycle();

        assertThat(next.kind()).isEqualTo(CycleKind.INCREMENTAL);
        assertThat(next.updated()).isEqualTo(1);
        assertThat(next.created()).isZero();
        assertThat(present(job, bob).attributes().get("department")).isEqualTo("Marketing");
    }

    @Test
    void aUserDisabledInTheSourceIsDisabledInTheTarget() {
        String group = createGroup("Disable");
        String carol = createUser("carol", u -> { });
        addMember(group, carol);
        SyncJob job = job(settings(group));
        job.runCycle();

        patchUser(carol, u -> u.setAccountEnabled(false));
        CycleSummary next = job.runCycle();

        assertThat(next.disabled()).isEqualTo(1);
        assertThat(present(job, carol).accountEnabled()).isFalse();
    }

    @Test
    void aUserRemovedFromTheGroupIsSoftDeletedAndAddedBackIsRestoredAsTheSameObject() {
        String group = createGroup("Leave");
        String dave = createUser("dave", u -> u.setDepartment("Ops"));
        addMember(group, dave);
        SyncJob job = job(settings(group));
        job.runCycle();
        String objectId = link(job, dave).targetId();

        removeMember(group, dave);
        CycleSummary removed = job.runCycle();
        assertThat(removed.deleted()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);

        addMember(group, dave);
        CycleSummary back = job.runCycle();
        assertThat(back.restored()).isEqualTo(1);
        assertThat(link(job, dave).targetId()).isEqualTo(objectId);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
    }

    @Test
    void aUserDeletedInTheSourceIsSoftDeletedInTheTarget() {
        String group = createGroup("Delete");
        String erin = createUser("erin", u -> { });
        addMember(group, erin);
        SyncJob job = job(settings(group));
        job.runCycle();
        String objectId = link(job, erin).targetId();

        contosoGraph.users().byUserId(erin).delete();
        CycleSummary next = job.runCycle();

        assertThat(next.deleted()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);
    }

    @Test
    void aUserDeletedAndThenRestoredInTheSourceIsRestoredInTheTargetAsTheSameObject() {
        String group = createGroup("Undelete");
        String ezra = createUser("ezra", u -> u.setDepartment("Ops"));
        addMember(group, ezra);
        SyncJob job = job(settings(group));
        job.runCycle();
        String objectId = link(job, ezra).targetId();
        contosoGraph.users().byUserId(ezra).delete();
        assertThat(job.runCycle().deleted()).isEqualTo(1);

        // the group's delta does not report the deleted member as removed, so the user is still assigned when it
        // comes back: its restore in the source is what brings it back into scope
        contosoGraph.directory().deletedItems().byDirectoryObjectId(ezra).restore().post();
        CycleSummary back = job.runCycle();

        assertThat(back.restored()).isEqualTo(1);
        assertThat(link(job, ezra).targetId()).isEqualTo(objectId);
        assertThat(present(job, ezra).attributes().get("department")).isEqualTo("Ops");
    }

    @Test
    void anIncrementalCycleWithNoSourceChangeMakesNoGraphWrite() {
        String group = createGroup("Quiet");
        addMember(group, createUser("frank", u -> u.setDepartment("Sales")));
        addMember(group, createUser("grace", u -> u.setDepartment("Sales")));
        SyncJob job = job(settings(group));
        job.runCycle();
        job.runCycle(); // reads whatever the first cycle's round may have overlapped
        long mark = tenants.journalMark();

        CycleSummary quiet = job.runCycle();

        assertThat(quiet.kind()).isEqualTo(CycleKind.INCREMENTAL);
        assertThat(graphWritesSince(mark)).isZero();
        assertThat(List.of(quiet.created(), quiet.updated(), quiet.deleted(), quiet.skipped())).containsOnly(0L);
    }

    @Test
    void graphWritesPerUserAreAtMostTwoForACreationOneForAnAttributeChangeAndNoneWithoutChange() {
        String group = createGroup("Frugal");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = createUser("frugal" + i, u -> u.setDepartment("Sales"));
            addMember(group, id);
            users.add(id);
        }
        SyncJob job = job(settings(group));

        long mark = tenants.journalMark();
        assertThat(job.runCycle().created()).isEqualTo(users.size());
        long creationWrites = graphWritesSince(mark);
        job.runCycle(); // reads whatever the first cycle's round may have overlapped
        users.forEach(id -> patchUser(id, u -> u.setDepartment("Finance")));
        mark = tenants.journalMark();
        assertThat(job.runCycle().updated()).isEqualTo(users.size());
        long changeWrites = graphWritesSince(mark);
        mark = tenants.journalMark();
        job.runCycle();
        long idleWrites = graphWritesSince(mark);

        assertThat(creationWrites).as("invitation + PATCH per created user").isLessThanOrEqualTo(2L * users.size());
        assertThat(changeWrites).as("one PATCH per changed user").isLessThanOrEqualTo(users.size());
        assertThat(idleWrites).isZero();
    }

    @Test
    void aCycleCreatingManyUsersReadsTheTargetsAddressesOnceInsteadOfLookingEachUserUp() {
        String group = createGroup("Bulk");
        String prefix = "bulk" + UUID.randomUUID().toString().substring(0, 6) + "-";
        tenants.seedUsers("contoso", 120, prefix);
        List<String> members = contosoGraph.users().get(r -> {
            r.queryParameters.filter = "startsWith(userPrincipalName,'" + prefix + "')";
            r.queryParameters.select = new String[] {"id"};
            r.queryParameters.top = 999;
        }).getValue().stream().map(User::getId).toList();
        assertThat(members).hasSize(120);
        members.forEach(id -> addMember(group, id));
        SyncJob job = job(settings(group).withParallelism(8));
        long mark = tenants.journalMark();

        CycleSummary first = job.runCycle();

        assertThat(first.created()).isEqualTo(120);
        long lookups = tenants.journalSince(mark, "").stream()
                .filter(e -> e.method().equals("GET") && e.tenantId() != null
                        && e.tenantId().equals(EmulatedTenants.FABRIKAM.toString())
                        && (EmulatedTenants.graphPath(e).equals("/v1.0/users")
                        || e.path().endsWith("/deletedItems/microsoft.graph.user")))
                .count();
        assertThat(lookups).as("one listing of each, not one lookup of each per user").isLessThanOrEqualTo(4);
        assertThat(graphWritesSince(mark)).isEqualTo(240);
    }

    @Test
    void membersAddedInBulkAreReadFromTheSourceFifteenToARequestNotOneByOne() {
        String group = createGroup("Bulk add");
        String prefix = "bulkadd" + UUID.randomUUID().toString().substring(0, 6) + "-";
        tenants.seedUsers("contoso", 31, prefix);
        List<String> members = contosoGraph.users().get(r -> {
            r.queryParameters.filter = "startsWith(userPrincipalName,'" + prefix + "')";
            r.queryParameters.select = new String[] {"id"};
            r.queryParameters.top = 999;
        }).getValue().stream().map(User::getId).toList();
        assertThat(members).hasSize(31);
        SyncJob job = job(settings(group).withParallelism(4));
        assertThat(job.runCycle().created()).isZero();
        members.forEach(id -> addMember(group, id));
        long mark = tenants.journalMark();

        CycleSummary added = job.runCycle();

        assertThat(added.kind()).isEqualTo(CycleKind.INCREMENTAL);
        assertThat(added.created()).isEqualTo(31);
        List<RequestJournal.Entry> sourceReads = tenants.journalSince(mark, "").stream()
                .filter(e -> e.method().equals("GET") && EmulatedTenants.CONTOSO.toString().equals(e.tenantId())
                        && e.path().startsWith("/v1.0/users"))
                .filter(e -> !e.path().startsWith("/v1.0/users/delta"))
                .toList();
        assertThat(sourceReads).as("⌈31 / 15⌉ reads of /users?$filter=id in (…), none per user")
                .extracting(RequestJournal.Entry::path).containsExactly("/v1.0/users", "/v1.0/users", "/v1.0/users");
        assertThat(members).allSatisfy(id -> assertThat(present(job, id).attributes().getString("userPrincipalName"))
                .startsWith(prefix));
    }

    @Test
    void inContinuousModeASourceChangeReachesTheTargetWithoutAnyoneStartingACycle() throws Exception {
        String group = createGroup("Continuous");
        String uri = createUser("uri", u -> u.setDepartment("Sales"));
        addMember(group, uri);
        SyncJob job = job(settings(group).withSchedule(SyncSchedule.continuous(Duration.ofMillis(100))));
        BlockingQueue<CycleSummary> cycles = new LinkedBlockingQueue<>();
        try (JobRunner runner = new JobRunner(job, cycles::add).start()) {
            assertThat(cycles.poll(60, TimeUnit.SECONDS)).as("the first cycle ran").isNotNull()
                    .satisfies(first -> assertThat(first.created()).isEqualTo(1));

            patchUser(uri, u -> u.setDepartment("Legal"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"Legal".equals(present(job, uri).attributes().get("department"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(present(job, uri).attributes().get("department")).isEqualTo("Legal");
        }
    }

    @Test
    void aCycleProvisionsEveryMemberThroughItsWorkersAndRecordsEachLink() {
        String group = createGroup("Many");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = createUser("many" + i, u -> { });
            addMember(group, id);
            users.add(id);
        }
        SyncJob job = job(settings(group).withParallelism(4));
        List<long[]> progress = new ArrayList<>();

        CycleSummary first = job.runCycle((done, total) -> progress.add(new long[] {done, total}));

        assertThat(first.created()).isEqualTo(12);
        assertThat(progress.get(0)).containsExactly(0, 12);
        assertThat(progress.get(progress.size() - 1)).containsExactly(12, 12);
        assertThat(progress).extracting(update -> update[0]).isSorted();
        assertThat(store.links().count(job.settings().connection(), ObjectType.USER)).isEqualTo(12);
        assertThat(users).allSatisfy(id -> assertThat(present(job, id).origin())
                .isEqualTo(TargetState.Origin.EXTERNAL));
    }

    @Test
    void aMemberFailingTheScopingFilterIsSkippedUntilAChangeLetsItPass() {
        String group = createGroup("Filtered");
        String paul = createUser("paul", u -> u.setDepartment("Marketing"));
        addMember(group, paul);
        SyncJob job = job(settings(group).withScopingFilters(ScopingFilterSet.of(
                ScopingFilter.of("Sales only", ScopingClause.of("department", ScopingOperator.EQUALS, "Sales")))));

        CycleSummary first = job.runCycle();
        assertThat(first.created()).isZero();
        assertThat(first.skipped()).isEqualTo(1);
        assertThat(store.links().bySource(job.settings().connection(), ObjectType.USER, paul)).isEmpty();

        patchUser(paul, u -> u.setDepartment("Sales"));
        CycleSummary next = job.runCycle();
        assertThat(next.created()).isEqualTo(1);
        assertThat(present(job, paul).attributes().get("department")).isEqualTo("Sales");
    }

    @Test
    void aRestartedJobGoesOnIncrementallyFromItsWatermarksWithTheMembershipItSaved() {
        String group = createGroup("Restart");
        String quinn = createUser("quinn", u -> { });
        String rose = createUser("rose", u -> { });
        String sam = createUser("sam", u -> { });
        addMember(group, quinn);
        addMember(group, rose);
        SyncJobSettings settings = settings(group);
        job(settings).runCycle();

        // while no job watches: one member leaves, one joins, and the one who stays changes department
        removeMember(group, rose);
        addMember(group, sam);
        patchUser(quinn, u -> u.setDepartment("Finance"));
        SyncJob restarted = job(settings);
        CycleSummary resumed = restarted.runCycle();

        assertThat(resumed.kind()).as("the saved membership and watermarks need no initial cycle")
                .isEqualTo(CycleKind.INCREMENTAL);
        assertThat(resumed.created()).isEqualTo(1);
        assertThat(resumed.updated()).isEqualTo(1);
        assertThat(resumed.deleted()).isEqualTo(1);
        assertThat(fabrikam.get(link(restarted, rose).targetId())).isInstanceOf(TargetState.SoftDeleted.class);
        assertThat(present(restarted, sam).origin()).isEqualTo(TargetState.Origin.EXTERNAL);
        assertThat(present(restarted, quinn).attributes().get("department")).isEqualTo("Finance");

        // and a third process still scopes by the membership as the second one left it
        patchUser(sam, u -> u.setDepartment("Legal"));
        CycleSummary third = job(settings).runCycle();
        assertThat(third.kind()).isEqualTo(CycleKind.INCREMENTAL);
        assertThat(third.updated()).isEqualTo(1);
        assertThat(third.deleted()).isZero();
        assertThat(present(restarted, sam).attributes().get("department")).isEqualTo("Legal");
    }

    @Test
    void aJobRestartedWithOtherAssignedGroupsRebuildsTheMembershipWithAnInitialCycle() {
        String first = createGroup("Before");
        String second = createGroup("After");
        String tara = createUser("tara", u -> { });
        String uma = createUser("uma", u -> { });
        addMember(first, tara);
        addMember(second, uma);
        SyncJobSettings before = settings(first);
        job(before).runCycle();

        SyncJobSettings after = new SyncJobSettings(before.connection(),
                AssignmentScope.assigned(Set.of(), Set.of(second)), before.scopingFilters(), before.deletionThreshold(),
                before.parallelism(), before.schedule());
        SyncJob reassigned = job(after);
        CycleSummary rebuilt = reassigned.runCycle();

        assertThat(rebuilt.kind()).isEqualTo(CycleKind.INITIAL);
        assertThat(rebuilt.created()).isEqualTo(1);
        assertThat(rebuilt.deleted()).isEqualTo(1);
        assertThat(fabrikam.get(link(reassigned, tara).targetId())).isInstanceOf(TargetState.SoftDeleted.class);
        assertThat(present(reassigned, uma).origin()).isEqualTo(TargetState.Origin.EXTERNAL);
    }

    // ------------------------------------------------------------------------------------------------ guards

    @Test
    void removalsOverTheDeletionThresholdAreHeldAndStagedThenDeletedOnceApproved() {
        String group = createGroup("Threshold");
        List<String> leaving = List.of(createUser("hank", u -> { }), createUser("iris", u -> { }),
                createUser("jack", u -> { }));
        leaving.forEach(id -> addMember(group, id));
        SyncJob job = job(settings(group).withDeletionThreshold(DeletionThreshold.of(2)));
        job.runCycle();

        leaving.forEach(id -> removeMember(group, id));
        String newcomer = createUser("kate", u -> { });
        addMember(group, newcomer);
        CycleSummary held = job.runCycle();

        assertThat(held.staged()).isEqualTo(3);
        assertThat(held.deleted()).isZero();
        assertThat(held.created()).as("everyone else is provisioned").isEqualTo(1);
        assertThat(leaving).allSatisfy(id -> assertThat(present(job, id)).isNotNull());
        assertThat(job.stagedDeletions()).extracting(StagedDeletion::sourceId)
                .containsExactlyInAnyOrderElementsOf(leaving);
        assertThat(store.provisioningLog().query(ProvisioningLogQuery.of(job.settings().connection())
                .action(ProvisioningAction.STAGED_DELETE)).entries()).hasSize(3);
        assertThat(job.state().quarantine().reason()).isEqualTo(QuarantineReason.TOO_MANY_DELETES);

        job.approveDeletes();
        CycleSummary released = job.runCycle();

        assertThat(released.deleted()).isEqualTo(3);
        assertThat(leaving).allSatisfy(id -> assertThat(fabrikam.get(link(job, id).targetId()))
                .isInstanceOf(TargetState.SoftDeleted.class));
        assertThat(job.stagedDeletions()).isEmpty();
        assertThat(job.state().quarantine().quarantined()).isFalse();
        assertThat(job.state().deletionsApproved()).as("the approval is spent").isFalse();
    }

    @Test
    void aRefusedTargetSecretQuarantinesTheJobWithAReasonAndLeavesTheTargetUntouchedUntilFixed() {
        String group = createGroup("Revoked");
        String liam = createUser("liam", u -> { });
        addMember(group, liam);
        SyncJobSettings settings = settings(group);
        GraphTargetDirectory refused = GraphTargetDirectory.forConnection(
                tenants.fabrikamWithSecret("not-the-secret-0000"), GraphClientOptions.DEFAULTS);
        SyncJob job = job(settings, refused);
        long mark = tenants.journalMark();

        CycleSummary failed = job.runCycle();

        assertThat(failed.completed()).isFalse();
        assertThat(failed.error()).contains("credentials refused");
        assertThat(job.state().quarantine().state()).isEqualTo(QuarantineState.QUARANTINED);
        assertThat(job.state().quarantine().reason()).isEqualTo(QuarantineReason.ENCOUNTERED_QUARANTINE_EXCEPTION);
        assertThat(job.state().quarantine().error()).isNotBlank();
        assertThat(graphWritesSince(mark)).isZero();
        assertThat(store.links().count(settings.connection(), ObjectType.USER)).isZero();

        long beforeRetry = tenants.journalMark();
        CycleSummary notDue = job.runCycle();
        assertThat(notDue.error()).startsWith("not run");
        assertThat(tenants.journalSince(beforeRetry, "")).as("no call at all while the back-off runs").isEmpty();

        clock.advance(Duration.ofHours(6).plusMinutes(1));
        SyncJob fixed = job(settings);
        CycleSummary recovered = fixed.runCycle();

        assertThat(recovered.created()).isEqualTo(1);
        assertThat(fixed.state().quarantine().quarantined()).isFalse();
        assertThat(present(fixed, liam).origin()).isEqualTo(TargetState.Origin.EXTERNAL);
    }

    @Test
    void aRefusedSourceSecretQuarantinesTheJobBeforeAnyTargetCall() {
        String group = createGroup("Source revoked");
        addMember(group, createUser("sam", u -> { }));
        GraphSourceDirectory refusedSource = new GraphSourceDirectory(TenantGraphClientFactory.create(
                tenants.contosoWithSecret("not-the-secret-0000"), GraphClientOptions.DEFAULTS),
                tenants.contosoWithSecret("not-the-secret-0000"));
        SyncJobSettings settings = settings(group);
        SyncJob job = new SyncJob(settings, refusedSource, provisioner(settings, fabrikam), store, clock);
        long mark = tenants.journalMark();

        CycleSummary failed = job.runCycle();

        assertThat(failed.error()).startsWith("reading the source failed");
        assertThat(job.state().quarantine().reason()).isEqualTo(QuarantineReason.ENCOUNTERED_QUARANTINE_EXCEPTION);
        assertThat(tenants.journalSince(mark, "").stream().filter(e -> e.path().startsWith("/v1.0"))).isEmpty();
    }

    @Test
    void aThrottledCreationIsEscrowedAndRetriedWhenDue() {
        String group = createGroup("Throttled");
        String mia = createUser("mia", u -> { });
        addMember(group, mia);
        GraphTargetDirectory noClientRetries = GraphTargetDirectory.forConnection(tenants.fabrikam(),
                new GraphClientOptions(Duration.ofSeconds(30), 0));
        SyncJobSettings settings = settings(group);
        SyncJob job = job(settings, noClientRetries);
        tenants.addFault("""
                {"match": {"tenant": "fabrikam", "method": "POST", "pathPattern": "/v1.0/invitations"},
                 "action": {"status": 429, "retryAfterSeconds": 1, "count": 1}}""");
        try {
            CycleSummary throttled = job.runCycle();
            assertThat(throttled.escrowed()).isEqualTo(1);
            assertThat(throttled.created()).isZero();
            assertThat(store.escrows().get(settings.connection(), ObjectType.USER, mia)).isPresent();

            CycleSummary tooEarly = job.runCycle();
            assertThat(tooEarly.created()).as("the escrow is not due yet").isZero();

            clock.advance(EscrowPolicy.entra().firstRetry().plusMinutes(1));
            CycleSummary retried = job.runCycle();
            assertThat(retried.created()).isEqualTo(1);
            assertThat(store.escrows().get(settings.connection(), ObjectType.USER, mia)).isEmpty();
        } finally {
            tenants.clearFaults();
        }
    }

    @Test
    void anUpdateTheTargetAnswers503IsEscrowedAndAppliedByALaterCycleWhenDue() {
        String group = createGroup("Unavailable");
        String noah = createUser("noah", u -> u.setDepartment("Sales"));
        addMember(group, noah);
        GraphTargetDirectory noClientRetries = GraphTargetDirectory.forConnection(tenants.fabrikam(),
                new GraphClientOptions(Duration.ofSeconds(30), 0));
        SyncJobSettings settings = settings(group);
        SyncJob job = job(settings, noClientRetries);
        job.runCycle();
        String objectId = link(job, noah).targetId();

        patchUser(noah, u -> u.setDepartment("Support"));
        tenants.addFault("""
                {"match": {"tenant": "fabrikam", "method": "PATCH", "pathPattern": "/v1.0/users/*"},
                 "action": {"status": 503, "count": 1}}""");
        try {
            CycleSummary unavailable = job.runCycle();
            assertThat(unavailable.completed()).as("one object's failure does not fail the cycle").isTrue();
            assertThat(unavailable.escrowed()).isEqualTo(1);
            assertThat(unavailable.updated()).isZero();
            assertThat(store.escrows().get(settings.connection(), ObjectType.USER, noah)).get()
                    .satisfies(escrow -> assertThat(escrow.attempts()).isEqualTo(1));
            assertThat(job.state().quarantine().quarantined()).isFalse();
            assertThat(present(job, noah).attributes().get("department")).isEqualTo("Sales");
        } finally {
            tenants.clearFaults();
        }

        assertThat(job.runCycle().updated()).as("the escrow is not due yet").isZero();
        clock.advance(EscrowPolicy.entra().firstRetry().plusMinutes(1));
        CycleSummary retried = job.runCycle();

        assertThat(retried.updated()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
        assertThat(present(job, noah).attributes().get("department")).isEqualTo("Support");
        assertThat(store.escrows().get(settings.connection(), ObjectType.USER, noah)).isEmpty();
    }

    @Test
    void heldDeletionsAreReleasedByARestartThatForcesDeletes() {
        String group = createGroup("Forced");
        List<String> leaving = List.of(createUser("olga", u -> { }), createUser("piet", u -> { }));
        leaving.forEach(id -> addMember(group, id));
        SyncJobSettings settings = settings(group).withDeletionThreshold(DeletionThreshold.of(1));
        SyncJob job = job(settings);
        job.runCycle();
        leaving.forEach(id -> removeMember(group, id));
        CycleSummary held = job.runCycle();
        assertThat(held.staged()).isEqualTo(2);
        assertThat(job.state().quarantine().reason()).isEqualTo(QuarantineReason.TOO_MANY_DELETES);

        store.restart(settings.connection(), Set.of(RestartScope.QUARANTINE_STATE, RestartScope.FORCE_DELETES));
        CycleSummary released = job.runCycle();

        assertThat(released.completed()).as(released.error()).isTrue();
        assertThat(released.deleted()).isEqualTo(2);
        assertThat(leaving).allSatisfy(id -> assertThat(fabrikam.get(link(job, id).targetId()))
                .isInstanceOf(TargetState.SoftDeleted.class));
        assertThat(job.stagedDeletions()).isEmpty();
        assertThat(job.state().quarantine().quarantined()).isFalse();
    }

    @Test
    void aJobQuarantinedOnARefusedSourceSecretCatchesUpOnceTheSecretIsRestored() {
        String group = createGroup("Source restored");
        String tara = createUser("tara", u -> { });
        addMember(group, tara);
        SyncJobSettings settings = settings(group);
        GraphSourceDirectory refusedSource = new GraphSourceDirectory(TenantGraphClientFactory.create(
                tenants.contosoWithSecret("not-the-secret-0000"), GraphClientOptions.DEFAULTS),
                tenants.contosoWithSecret("not-the-secret-0000"));
        SyncJob refused = new SyncJob(settings, refusedSource, provisioner(settings, fabrikam), store, clock);
        assertThat(refused.runCycle().completed()).isFalse();
        assertThat(refused.state().quarantine().quarantined()).isTrue();
        long mark = tenants.journalMark();

        assertThat(refused.runCycle().error()).startsWith("not run");
        assertThat(graphWritesSince(mark)).isZero();

        clock.advance(Duration.ofHours(6).plusMinutes(1));
        SyncJob restored = job(settings);
        CycleSummary caughtUp = restored.runCycle();

        assertThat(caughtUp.completed()).as(caughtUp.error()).isTrue();
        assertThat(caughtUp.created()).isEqualTo(1);
        assertThat(restored.state().quarantine().quarantined()).isFalse();
        assertThat(present(restored, tara).origin()).isEqualTo(TargetState.Origin.EXTERNAL);
    }

    // ------------------------------------------------------------------------------------------------ on demand

    @Test
    void onDemandProvisioningShowsImportScopingMatchingAndActionAndCreatesTheUser() {
        String group = createGroup("On demand");
        String nina = createUser("nina", u -> { });
        addMember(group, nina);
        SyncJob job = job(settings(group));

        OnDemandProvisioning result = job.provisionOnDemand(nina);

        assertThat(result.steps()).extracting(ProvisioningStep::type).containsExactly(ProvisioningStepType.IMPORT,
                ProvisioningStepType.SCOPING, ProvisioningStepType.MATCHING, ProvisioningStepType.EXPORT);
        assertThat(result.result().action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(result.result().status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(present(job, nina).origin()).isEqualTo(TargetState.Origin.EXTERNAL);

        OnDemandProvisioning again = job.provisionOnDemand(nina);
        assertThat(again.result().action()).isEqualTo(ProvisioningAction.SKIP);
        assertThat(again.steps().get(2).description()).contains("linked to target user");
    }

    @Test
    void onDemandProvisioningOfAnUnassignedUserSaysWhyItIsOutOfScope() {
        String group = createGroup("Elsewhere");
        String oscar = createUser("oscar", u -> { });
        SyncJob job = job(settings(group));

        OnDemandProvisioning result = job.provisionOnDemand(oscar);

        ProvisioningStep scoping = result.steps().get(1);
        assertThat(scoping.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(scoping.description()).contains("not assigned");
        assertThat(result.result().action()).isEqualTo(ProvisioningAction.SKIP);
        assertThat(store.links().bySource(job.settings().connection(), ObjectType.USER, oscar)).isEmpty();
        assertThatThrownBy(() -> job.provisionOnDemand(UUID.randomUUID().toString()))
                .isInstanceOf(NoSuchElementException.class);
    }

    // ------------------------------------------------------------------------------------------------ fixture

    private static SyncJobSettings settings(String assignedGroup) {
        return SyncJobSettings.of(ConnectionId.of("contoso-to-fabrikam-" + UUID.randomUUID()),
                AssignmentScope.assigned(Set.of(), Set.of(assignedGroup)));
    }

    private SyncJob job(SyncJobSettings settings) {
        return job(settings, fabrikam);
    }

    private SyncJob job(SyncJobSettings settings, GraphTargetDirectory target) {
        return new SyncJob(settings, contoso, provisioner(settings, target), store, clock);
    }

    private UserProvisioner provisioner(SyncJobSettings settings, GraphTargetDirectory target) {
        return new UserProvisioner(target, MappingSet.ctsDefaults(), ReconcileOptions.defaults(),
                fabrikam.externalUpnFormat(), TrustDecision::allow,
                sourceId -> store.links().bySource(settings.connection(), ObjectType.USER, sourceId)
                        .map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
    }

    private static ObjectLink link(SyncJob job, String sourceId) {
        return store.links().bySource(job.settings().connection(), ObjectType.USER, sourceId).orElseThrow();
    }

    private static TargetState.Present present(SyncJob job, String sourceId) {
        TargetState state = fabrikam.get(link(job, sourceId).targetId());
        assertThat(state).isInstanceOf(TargetState.Present.class);
        return (TargetState.Present) state;
    }

    private static String upnPrefix(String sourceId) {
        String upn = contosoGraph.users().byUserId(sourceId).get().getUserPrincipalName();
        return upn.replace("@", "_");
    }

    /** Graph writes to either tenant (token requests are not Graph calls). */
    private static long graphWritesSince(long mark) {
        return tenants.graphWritesSince(mark);
    }

    private static String createUser(String alias, Consumer<User> extra) {
        String unique = alias + UUID.randomUUID().toString().substring(0, 6);
        User user = new User();
        user.setAccountEnabled(true);
        user.setDisplayName("User " + unique);
        user.setGivenName(alias);
        user.setSurname("Tester");
        user.setMailNickname(unique);
        user.setUserPrincipalName(unique + "@contoso.com");
        PasswordProfile password = new PasswordProfile();
        password.setPassword("Passw0rd!" + UUID.randomUUID());
        password.setForceChangePasswordNextSignIn(false);
        user.setPasswordProfile(password);
        extra.accept(user);
        return contosoGraph.users().post(user).getId();
    }

    private static void patchUser(String id, Consumer<User> change) {
        User patch = new User();
        change.accept(patch);
        contosoGraph.users().byUserId(id).patch(patch);
    }

    private static String createGroup(String name) {
        Group group = new Group();
        group.setDisplayName(name);
        group.setMailEnabled(false);
        group.setMailNickname(name.toLowerCase().replaceAll("[^a-z0-9]", "")
                + UUID.randomUUID().toString().substring(0, 8));
        group.setSecurityEnabled(true);
        group.setGroupTypes(List.of());
        return contosoGraph.groups().post(group).getId();
    }

    private static void addMember(String groupId, String memberId) {
        ReferenceCreate reference = new ReferenceCreate();
        reference.setOdataId(tenants.contoso().graphBaseUrl() + "/directoryObjects/" + memberId);
        contosoGraph.groups().byGroupId(groupId).members().ref().post(reference);
    }

    private static void removeMember(String groupId, String memberId) {
        contosoGraph.groups().byGroupId(groupId).members().byDirectoryObjectId(memberId).ref().delete();
    }
}
