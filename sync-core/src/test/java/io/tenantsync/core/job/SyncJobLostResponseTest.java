package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.tenantsync.core.source.GraphSourceDirectory;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.LinkState;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.TenantGraphClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Target writes that committed although the job saw them fail (the response lost, or a later write of the same
 * creation failed) are reconciled by later cycles: the user they made is linked, deprovisioned when the source says
 * so, and never left unmanaged or in escrow for ever. Each test has its own connection and assigned group.
 */
class SyncJobLostResponseTest {

    private static EmulatedTenants tenants;
    private static GraphServiceClient contosoGraph;
    private static GraphSourceDirectory contoso;
    private static GraphTargetDirectory fabrikam;
    private static JdbcSyncStore store;

    private final SettableClock clock = new SettableClock(Instant.now());

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

    @AfterEach
    void clearFaults() {
        tenants.clearFaults();
    }

    @Test
    void aUserWhoseInvitationResponseWasLostAndWhoLeftScopeBeforeTheRetryIsSoftDeletedAndLeavesNoEscrow() {
        String group = createGroup("Lost invitation");
        String rosa = createUser("rosa");
        addMember(group, rosa);
        SyncJob job = job(group, withoutClientRetries());
        tenants.addFault("""
                {"match": {"tenant": "fabrikam", "method": "POST", "pathPattern": "/v1.0/invitations"},
                 "action": {"dropResponse": true, "count": 1}}""");

        CycleSummary lost = job.runCycle();
        assertThat(lost.escrowed()).isEqualTo(1);
        assertThat(link(job, rosa)).as("nothing told the job the user exists").isEmpty();
        TargetState made = fabrikam.findExternalUser(address(rosa)).orElseThrow();
        assertThat(made).isInstanceOf(TargetState.Present.class);

        tenants.clearFaults();
        removeMember(group, rosa);
        clock.advance(Duration.ofDays(1));
        CycleSummary retried = job.runCycle();

        assertThat(retried.deleted()).isEqualTo(1);
        assertThat(store.escrows().counts(job.settings().connection()).total()).isZero();
        String objectId = ((TargetState.Present) made).objectId();
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);
        assertThat(link(job, rosa)).get().satisfies(link -> {
            assertThat(link.targetId()).isEqualTo(objectId);
            assertThat(link.state()).isEqualTo(LinkState.SOFT_DELETED_BY_SYNC);
        });
    }

    @Test
    void aCreationWhoseAttributeWriteFailedKeepsTheLinkAndADisablingMeanwhileIsApplied() {
        String group = createGroup("Half created");
        String sven = createUser("sven");
        addMember(group, sven);
        SyncJob job = job(group, fabrikam);
        tenants.addFault("""
                {"match": {"tenant": "fabrikam", "method": "PATCH", "pathPattern": "/v1.0/users/*"},
                 "action": {"status": 500, "count": 1}}""");

        CycleSummary failed = job.runCycle();
        assertThat(failed.escrowed()).isEqualTo(1);
        TargetState made = fabrikam.findExternalUser(address(sven)).orElseThrow();
        String objectId = ((TargetState.Present) made).objectId();
        assertThat(link(job, sven)).as("linked to the invitation's user").get()
                .satisfies(link -> assertThat(link.targetId()).isEqualTo(objectId));

        tenants.clearFaults();
        User disabled = new User();
        disabled.setAccountEnabled(false);
        contosoGraph.users().byUserId(sven).patch(disabled);
        clock.advance(Duration.ofDays(1));
        CycleSummary retried = job.runCycle();

        assertThat(retried.escrowed()).isZero();
        assertThat(store.escrows().counts(job.settings().connection()).total()).isZero();
        assertThat(fabrikam.get(objectId)).isInstanceOfSatisfying(TargetState.Present.class,
                user -> assertThat(user.accountEnabled()).isFalse());
        assertThat(fabrikam.findExternalUser(address(sven))).get()
                .satisfies(user -> assertThat(((TargetState.Present) user).objectId()).isEqualTo(objectId));
    }

    @Test
    void aSoftDeleteWhoseResponseWasLostCountsAsDoneSoTheUserIsRestoredWhenItReturns() {
        String group = createGroup("Lost delete");
        String tove = createUser("tove");
        addMember(group, tove);
        SyncJob job = job(group, fabrikam);
        job.runCycle();
        String objectId = link(job, tove).orElseThrow().targetId();
        // the SDK retries the 504, and its retry finds the user gone: the deletion it made itself
        tenants.addFault("""
                {"match": {"tenant": "fabrikam", "method": "DELETE", "pathPattern": "/v1.0/users/*"},
                 "action": {"dropResponse": true, "count": 1}}""");

        removeMember(group, tove);
        CycleSummary removed = job.runCycle();

        assertThat(removed.deleted()).isEqualTo(1);
        assertThat(removed.escrowed()).isZero();
        assertThat(link(job, tove)).get().satisfies(link ->
                assertThat(link.state()).isEqualTo(LinkState.SOFT_DELETED_BY_SYNC));

        tenants.clearFaults();
        addMember(group, tove);
        CycleSummary back = job.runCycle();
        assertThat(back.restored()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
    }

    @Test
    void aSoftDeleteWhoseResponseWasLostAndNotRetriedIsStillRestoredIfTheUserReturnsBeforeTheRetry() {
        String group = createGroup("Lost delete, no retry");
        String ulla = createUser("ulla");
        addMember(group, ulla);
        SyncJob job = job(group, withoutClientRetries());
        job.runCycle();
        String objectId = link(job, ulla).orElseThrow().targetId();
        // the deletion is committed but its answer is a 504, and this client does not retry: the job cannot know
        tenants.addFault("""
                {"match": {"tenant": "fabrikam", "method": "DELETE", "pathPattern": "/v1.0/users/*"},
                 "action": {"dropResponse": true, "count": 1}}""");

        removeMember(group, ulla);
        CycleSummary removed = job.runCycle();
        assertThat(removed.escrowed()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);

        // back in scope before the escrow's retry: the user in the recycle bin may be sync's own deletion
        tenants.clearFaults();
        addMember(group, ulla);
        CycleSummary back = job.runCycle();
        assertThat(back.restored()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Present.class);
        assertThat(link(job, ulla)).get().satisfies(link -> {
            assertThat(link.targetId()).isEqualTo(objectId);
            assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
        });
    }

    // ------------------------------------------------------------------------------------------------ fixture

    /** A target whose SDK does not retry, so one injected fault is one failed write. */
    private static GraphTargetDirectory withoutClientRetries() {
        return GraphTargetDirectory.forConnection(tenants.fabrikam(), new GraphClientOptions(Duration.ofSeconds(30), 0));
    }

    private SyncJob job(String group, GraphTargetDirectory target) {
        ConnectionId connection = ConnectionId.of("lost-responses-" + UUID.randomUUID());
        UserProvisioner provisioner = new UserProvisioner(target, MappingSet.ctsDefaults(), ReconcileOptions.defaults(),
                fabrikam.externalUpnFormat(), TrustDecision::allow,
                sourceId -> store.links().bySource(connection, ObjectType.USER, sourceId).map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
        return new SyncJob(SyncJobSettings.of(connection, AssignmentScope.assigned(Set.of(), Set.of(group))), contoso,
                provisioner, store, clock);
    }

    private static Optional<ObjectLink> link(SyncJob job, String sourceId) {
        return store.links().bySource(job.settings().connection(), ObjectType.USER, sourceId);
    }

    private static String address(String sourceId) {
        return contosoGraph.users().byUserId(sourceId).get().getUserPrincipalName();
    }

    private static String createUser(String alias) {
        String unique = alias + UUID.randomUUID().toString().substring(0, 6);
        User user = new User();
        user.setAccountEnabled(true);
        user.setDisplayName("User " + unique);
        user.setMailNickname(unique);
        user.setUserPrincipalName(unique + "@contoso.com");
        PasswordProfile password = new PasswordProfile();
        password.setPassword("Passw0rd!" + UUID.randomUUID());
        user.setPasswordProfile(password);
        return contosoGraph.users().post(user).getId();
    }

    private static String createGroup(String name) {
        Group group = new Group();
        group.setDisplayName(name);
        group.setMailEnabled(false);
        group.setMailNickname("lost" + UUID.randomUUID().toString().substring(0, 8));
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
