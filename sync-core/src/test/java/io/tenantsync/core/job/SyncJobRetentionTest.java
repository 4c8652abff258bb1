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
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.TenantGraphClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end of the soft-delete window, on its own emulator because it moves the directory's clock 31 days ahead: a
 * user the job soft-deleted in the target is purged by the target when its 30 days of retention are over, and a user
 * coming back afterwards is a new object, not a restore.
 */
class SyncJobRetentionTest {

    private EmulatedTenants tenants;
    private GraphServiceClient contosoGraph;
    private GraphTargetDirectory fabrikam;
    private JdbcSyncStore store;
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeEach
    void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        contosoGraph = TenantGraphClientFactory.create(tenants.contoso(), GraphClientOptions.DEFAULTS);
        fabrikam = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        store = JdbcSyncStore.inMemory(clock);
    }

    @AfterEach
    void stop() {
        store.close();
        tenants.close();
    }

    @Test
    void aUserRemovedFromTheGroupIsPurged31DaysLaterAndComingBackIsCreatedAnew() {
        String group = createGroup();
        String uma = createUser("uma");
        addMember(group, uma);
        SyncJob job = job(group);
        job.runCycle();
        String first = link(job, uma).targetId();

        removeMember(group, uma);
        CycleSummary removed = job.runCycle();
        assertThat(removed.deleted()).isEqualTo(1);
        assertThat(fabrikam.get(first)).isInstanceOf(TargetState.SoftDeleted.class);

        tenants.advanceClock(Duration.ofDays(31));
        clock.advance(Duration.ofDays(31));

        assertThat(fabrikam.get(first)).as("past the 30-day retention the target purged it")
                .isInstanceOf(TargetState.Absent.class);
        CycleSummary quiet = job.runCycle();
        assertThat(quiet.completed()).as(quiet.error()).isTrue();
        assertThat(List.of(quiet.created(), quiet.restored(), quiet.deleted())).containsOnly(0L);

        addMember(group, uma);
        CycleSummary back = job.runCycle();
        assertThat(back.restored()).as("nothing is left to restore").isZero();
        assertThat(back.created()).isEqualTo(1);
        String second = link(job, uma).targetId();
        assertThat(second).isNotEqualTo(first);
        assertThat(fabrikam.get(second)).isInstanceOf(TargetState.Present.class);
    }

    @Test
    void aUserDeletedInTheSourceIsSoftDeletedThenPurgedWithTheTargetsRetention() {
        String group = createGroup();
        String vic = createUser("vic");
        addMember(group, vic);
        SyncJob job = job(group);
        job.runCycle();
        String objectId = link(job, vic).targetId();

        contosoGraph.users().byUserId(vic).delete();
        assertThat(job.runCycle().deleted()).isEqualTo(1);
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.SoftDeleted.class);

        tenants.advanceClock(Duration.ofDays(29));
        assertThat(fabrikam.get(objectId)).as("still within retention").isInstanceOf(TargetState.SoftDeleted.class);
        tenants.advanceClock(Duration.ofDays(2));
        assertThat(fabrikam.get(objectId)).isInstanceOf(TargetState.Absent.class);
    }

    // ------------------------------------------------------------------------------------------------ fixture

    private SyncJob job(String assignedGroup) {
        SyncJobSettings settings = SyncJobSettings.of(ConnectionId.of("retention-" + UUID.randomUUID()),
                AssignmentScope.assigned(Set.of(), Set.of(assignedGroup)));
        UserProvisioner provisioner = new UserProvisioner(fabrikam, MappingSet.ctsDefaults(),
                ReconcileOptions.defaults(), fabrikam.externalUpnFormat(), TrustDecision::allow,
                sourceId -> store.links().bySource(settings.connection(), ObjectType.USER, sourceId)
                        .map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
        return new SyncJob(settings, new GraphSourceDirectory(contosoGraph, tenants.contoso()), provisioner, store,
                clock);
    }

    private ObjectLink link(SyncJob job, String sourceId) {
        return store.links().bySource(job.settings().connection(), ObjectType.USER, sourceId).orElseThrow();
    }

    private String createUser(String alias) {
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

    private String createGroup() {
        Group group = new Group();
        group.setDisplayName("Retention");
        group.setMailEnabled(false);
        group.setMailNickname("retention" + UUID.randomUUID().toString().substring(0, 8));
        group.setSecurityEnabled(true);
        group.setGroupTypes(List.of());
        return contosoGraph.groups().post(group).getId();
    }

    private void addMember(String groupId, String memberId) {
        ReferenceCreate reference = new ReferenceCreate();
        reference.setOdataId(tenants.contoso().graphBaseUrl() + "/directoryObjects/" + memberId);
        contosoGraph.groups().byGroupId(groupId).members().ref().post(reference);
    }

    private void removeMember(String groupId, String memberId) {
        contosoGraph.groups().byGroupId(groupId).members().byDirectoryObjectId(memberId).ref().delete();
    }

    /** The job's clock, moved with the emulator's. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
