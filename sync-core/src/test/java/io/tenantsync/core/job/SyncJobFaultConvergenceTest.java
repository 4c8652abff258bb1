package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.mapping.MappingConfigReader;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.CrossTenantTrust;
import io.tenantsync.core.policy.TrustCache;
import io.tenantsync.core.provision.TargetShape;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.source.GraphSourceDirectory;
import io.tenantsync.core.source.SourceUserRecord;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.JdbcSyncStore;
import io.tenantsync.core.store.LinkState;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.target.CrossTenantPolicyReader;
import io.tenantsync.core.target.EmulatedTenants;
import io.tenantsync.core.target.FaultMix;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.TenantGraphClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync job converges on a target that throttles, fails and loses responses (issue 7, item 1): {@value #DEFAULT_USERS}
 * in-scope users here; {@code -Dtenantsync.faults.users=10000} runs the full size, {@code -Dtenantsync.faults.seed=N}
 * replays a seed the output printed. The source (contoso) answers normally; every Graph request to the target
 * (fabrikam) is subject to {@link FaultMix}. After the initial cycle, 3 % of the users leave the assigned group, 3 % are
 * disabled, 3 % deleted and 3 % change department; incremental cycles then run, the job's clock moved a day between
 * them so escrows are due, until the job holds nothing in escrow. With the faults off, both tenants are read in full
 * through Graph and compared: each user still in scope exists once, active, with the mapped attributes; each user
 * who left scope or was deleted exists at most once, soft-deleted (none when its creation failed and it left before
 * the retry); each disabled user at most once, disabled; no address twice; every link names the user found.
 */
class SyncJobFaultConvergenceTest {

    private static final int DEFAULT_USERS = 1_000;
    private static final int USERS = Integer.getInteger("tenantsync.faults.users", DEFAULT_USERS);
    /** Far more than convergence takes (it needs about three): a job that never drains its escrow fails here. */
    private static final int MAX_CYCLES = 20;
    /** Each retried fault holds a worker for its Retry-After (or the SDK's 3 s): more workers keep the cycle short. */
    private static final int PARALLELISM = SyncJobSettings.MAX_PARALLELISM;
    private static final String PREFIX = "faulty";
    private static final String MAPPINGS = """
            {"extends": "cts-defaults",
             "mappings": [{"target": "companyName", "constant": "Contoso (Synced)"}]}""";

    private EmulatedTenants tenants;
    private JdbcSyncStore store;
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeEach
    void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        store = JdbcSyncStore.inMemory(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
        tenants.close();
    }

    @Test
    void anInitialCycleAndDeprovisioningsConvergeToEachInScopeUserExactlyOnceDespiteThrottlingErrorsAndLostResponses() {
        long seed = FaultMix.seed();
        System.out.printf("fault convergence (job): %d users, seed %d (-Dtenantsync.faults.seed=%d replays it)%n",
                USERS, seed, seed);
        GraphServiceClient contosoGraph = TenantGraphClientFactory.create(tenants.contoso(), GraphClientOptions.DEFAULTS);
        tenants.seedUsers("contoso", USERS, PREFIX);
        List<String> ids = sourceUserIds(contosoGraph);
        assertThat(ids).hasSize(USERS);
        String group = createGroup(contosoGraph);
        addMembers(contosoGraph, group, ids);

        ConnectionId connection = ConnectionId.of("contoso-to-fabrikam-faults");
        MappingSet mappings = MappingConfigReader.read(MAPPINGS);
        GraphTargetDirectory target = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        ExternalUpnFormat upn = target.externalUpnFormat(); // read now: it is cached, and needed faults or not
        SyncJob job = job(connection, group, target, upn, mappings);

        long mark = tenants.journalMark();
        FaultMix.apply(tenants, "fabrikam", seed);
        long began = System.nanoTime();
        List<CycleSummary> cycles = new ArrayList<>();
        CycleSummary initial = timed(job);
        cycles.add(initial);
        assertThat(initial.kind()).isEqualTo(CycleKind.INITIAL);
        assertThat(initial.completed()).as(initial.error()).isTrue();

        Changes changes = Changes.of(ids);
        applyInSource(contosoGraph, group, changes);
        CycleSummary last;
        do {
            clock.advance(Duration.ofDays(1)); // past any escrow's next attempt (the back-off is capped at a day)
            last = timed(job);
            cycles.add(last);
        } while (!settled(job, last) && cycles.size() < MAX_CYCLES);
        double seconds = (System.nanoTime() - began) / 1e9;

        FaultMix.Injected journal = FaultMix.Injected.since(tenants, mark, EmulatedTenants.FABRIKAM);
        FaultMix.Injected rules = FaultMix.Injected.byRules(tenants);
        tenants.clearFaults();
        System.out.printf("fault convergence (job): %d users, %d cycles, converged in %.1f s; %s%n", USERS,
                cycles.size(), seconds, journal);

        assertThat(settled(job, last)).as("escrow drained within %d cycles: %s", MAX_CYCLES, last).isTrue();
        assertThat(cycles).as("no write given up").allSatisfy(cycle -> assertThat(cycle.failed()).isZero());
        assertThat(cycles).allSatisfy(cycle -> assertThat(cycle.completed()).as(cycle.error()).isTrue());
        assertThat(journal.byKind()).as("the journal's faults are the injected ones: the emulator answered no 5xx"
                + " of its own").isEqualTo(rules.byKind());
        assertThat(journal.byKind()).as("each kind of fault was injected").allSatisfy(n -> assertThat(n).isPositive());

        Map<String, List<TargetUser>> byAddress = targetUsersByAddress();
        Map<String, SourceUserRecord> live = new HashMap<>();
        GraphSourceDirectory source = new GraphSourceDirectory(contosoGraph, tenants.contoso());
        source.initialRound(AssignmentScope.allUsers()).users().forEach(user -> live.put(user.id(), user));
        Map<String, String> addresses = new HashMap<>();
        sourceAddresses(contosoGraph).forEach(addresses::put);

        long duplicates = byAddress.values().stream().mapToLong(users -> users.size() - 1).sum();
        System.out.printf("fault convergence (job): duplicates %d%n", duplicates);
        assertThat(duplicates).as("target users sharing an invited address").isZero();
        assertThat(byAddress.keySet()).as("every target user is one of the source's")
                .isSubsetOf(new TreeSet<>(addresses.values()));

        int neverCreated = 0;
        for (String id : ids) {
            String address = addresses.get(id);
            List<TargetUser> found = byAddress.getOrDefault(address, List.of());
            Optional<ObjectLink> link = store.links().bySource(connection, ObjectType.USER, id);
            boolean gone = changes.leftGroup().contains(id) || changes.deleted().contains(id);
            if (found.isEmpty() && (gone || changes.disabled().contains(id))) {
                // its creation failed, and before the retry it left scope or was disabled, which Entra does not
                // provision: nothing to deprovision, nothing to link
                assertThat(link).as("link of %s, never created", address).isEmpty();
                neverCreated++;
                continue;
            }
            assertThat(found).as("target users invited as %s", address).hasSize(1);
            TargetUser user = found.get(0);
            assertThat(link).as("link of %s", address).get()
                    .satisfies(l -> assertThat(l.targetId()).isEqualTo(user.id()));
            if (gone) {
                assertThat(user.deleted()).as("%s soft-deleted in the target", address).isTrue();
                assertThat(link.get().state()).isEqualTo(LinkState.SOFT_DELETED_BY_SYNC);
                continue;
            }
            assertThat(user.deleted()).as("%s active in the target", address).isFalse();
            Attributes expected = expected(mappings, upn, live.get(id));
            for (String name : expected.names()) {
                assertThat(Attributes.text(user.graph().getBackingStore().get(name)))
                        .as("%s of %s", name, address).isEqualTo(Attributes.text(expected.get(name)));
            }
            assertThat(user.graph().getAccountEnabled()).as("%s enabled", address)
                    .isEqualTo(!changes.disabled().contains(id));
        }
        System.out.printf("fault convergence (job): %d users deprovisioned before their failed creation was "
                + "retried, so never created%n", neverCreated);
    }

    /** Runs a cycle and prints its summary with its wall time (the job's own clock stands still during it). */
    private CycleSummary timed(SyncJob job) {
        long start = System.nanoTime();
        CycleSummary cycle = job.runCycle();
        System.out.printf("  %s cycle: created %d, updated %d, disabled %d, deleted %d, skipped %d, escrowed %d, "
                        + "failed %d, escrows held %d, %.1f s%n", cycle.kind(), cycle.created(), cycle.updated(),
                cycle.disabled(), cycle.deleted(), cycle.skipped(), cycle.escrowed(), cycle.failed(),
                store.escrows().counts(ConnectionId.of("contoso-to-fabrikam-faults")).total(),
                (System.nanoTime() - start) / 1e9);
        return cycle;
    }

    private boolean settled(SyncJob job, CycleSummary cycle) {
        return cycle.completed() && cycle.escrowed() == 0
                && store.escrows().counts(job.settings().connection()).total() == 0
                && job.stagedDeletions().isEmpty();
    }

    private SyncJob job(ConnectionId connection, String group, GraphTargetDirectory target, ExternalUpnFormat upn,
                        MappingSet mappings) {
        CrossTenantPolicyReader sourcePolicies = CrossTenantPolicyReader.forConnection(tenants.contoso(),
                GraphClientOptions.DEFAULTS);
        CrossTenantPolicyReader targetPolicies = CrossTenantPolicyReader.forConnection(tenants.fabrikam(),
                GraphClientOptions.DEFAULTS);
        TrustCache trust = new TrustCache(() -> CrossTenantTrust.evaluate(
                sourcePolicies.outboundSettingsFor(EmulatedTenants.FABRIKAM.toString()),
                targetPolicies.inboundSettingsFor(EmulatedTenants.CONTOSO.toString())), Duration.ofSeconds(15), clock);
        UserProvisioner provisioner = new UserProvisioner(target, mappings, ReconcileOptions.defaults(), upn, trust,
                managerId -> store.links().bySource(connection, ObjectType.USER, managerId)
                        .filter(link -> link.state() == LinkState.ACTIVE).map(ObjectLink::targetId),
                EvaluationContext.system(), clock);
        // every planned deletion is meant to run: the threshold has its own tests
        SyncJobSettings settings = SyncJobSettings.of(connection, AssignmentScope.assigned(Set.of(), Set.of(group)))
                .withParallelism(PARALLELISM).withDeletionThreshold(DeletionThreshold.of(USERS));
        return new SyncJob(settings, new GraphSourceDirectory(
                TenantGraphClientFactory.create(tenants.contoso(), GraphClientOptions.DEFAULTS), tenants.contoso()),
                provisioner, store, clock);
    }

    /** What the mappings make of a source user in the target, shaped as the provisioner shapes it. */
    private static Attributes expected(MappingSet mappings, ExternalUpnFormat upn, SourceUserRecord user) {
        assertThat(user).as("source user").isNotNull();
        var mapped = mappings.apply(user.attributes(), EvaluationContext.system());
        assertThat(mapped.problems()).isEmpty();
        Attributes always = TargetShape.of(mapped.target(), upn, manager -> Optional.empty()).target().always();
        Attributes present = Attributes.empty();
        for (String name : always.names()) {
            if (always.get(name) != null) {
                present = present.with(name, always.get(name));
            }
        }
        return present.with("userType", "Member");
    }

    // ------------------------------------------------------------------------------------------------ source

    /** Which source users change after the initial cycle: 3 % each, spread over the alphabet of addresses. */
    private record Changes(Set<String> leftGroup, Set<String> disabled, Set<String> deleted, Set<String> moved) {
        static Changes of(List<String> ids) {
            Changes changes = new Changes(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(),
                    new LinkedHashSet<>());
            for (int i = 0; i < ids.size(); i++) {
                int slot = i % 100;
                if (slot < 3) {
                    changes.leftGroup().add(ids.get(i));
                } else if (slot < 6) {
                    changes.disabled().add(ids.get(i));
                } else if (slot < 9) {
                    changes.deleted().add(ids.get(i));
                } else if (slot < 12) {
                    changes.moved().add(ids.get(i));
                }
            }
            return changes;
        }
    }

    private static void applyInSource(GraphServiceClient contoso, String group, Changes changes) {
        for (String id : changes.leftGroup()) {
            contoso.groups().byGroupId(group).members().byDirectoryObjectId(id).ref().delete();
        }
        for (String id : changes.disabled()) {
            User patch = new User();
            patch.setAccountEnabled(false);
            contoso.users().byUserId(id).patch(patch);
        }
        for (String id : changes.deleted()) {
            contoso.users().byUserId(id).delete();
        }
        for (String id : changes.moved()) {
            User patch = new User();
            patch.setDepartment("Moved " + id.substring(0, 8));
            contoso.users().byUserId(id).patch(patch);
        }
    }

    /** The seeded users' ids, ordered by address. */
    private static List<String> sourceUserIds(GraphServiceClient contoso) {
        return sourceAddresses(contoso).entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).toList();
    }

    /** The seeded users' addresses (lower case) by id, deleted ones included. */
    private static Map<String, String> sourceAddresses(GraphServiceClient contoso) {
        Map<String, String> addresses = new HashMap<>();
        Function<User, Void> add = user -> {
            if (user.getMail() != null && user.getMail().startsWith(PREFIX)) {
                addresses.put(user.getId(), user.getMail().toLowerCase(Locale.ROOT));
            }
            return null;
        };
        UserCollectionResponse page = contoso.users().get(request -> {
            request.queryParameters.select = new String[] {"id", "mail"};
            request.queryParameters.top = 999;
        });
        while (page != null) {
            page.getValue().forEach(add::apply);
            String next = page.getOdataNextLink();
            page = next == null ? null : contoso.users().withUrl(next).get();
        }
        UserCollectionResponse deleted = contoso.directory().deletedItems().graphUser().get(request -> {
            request.queryParameters.select = new String[] {"id", "mail"};
            request.queryParameters.top = 999;
        });
        while (deleted != null) {
            deleted.getValue().forEach(add::apply);
            String next = deleted.getOdataNextLink();
            deleted = next == null ? null : contoso.directory().deletedItems().graphUser().withUrl(next).get();
        }
        return addresses;
    }

    private static String createGroup(GraphServiceClient contoso) {
        Group group = new Group();
        group.setDisplayName("Sync to Fabrikam (faults)");
        group.setMailEnabled(false);
        group.setMailNickname("faults");
        group.setSecurityEnabled(true);
        group.setGroupTypes(List.of());
        return contoso.groups().post(group).getId();
    }

    /** {@code PATCH /groups/{id}} with {@code members@odata.bind}, 20 members a request (Graph's limit). */
    private void addMembers(GraphServiceClient contoso, String group, List<String> ids) {
        for (int i = 0; i < ids.size(); i += 20) {
            Group patch = new Group();
            patch.getAdditionalData().put("members@odata.bind", ids.subList(i, Math.min(ids.size(), i + 20)).stream()
                    .map(id -> tenants.contoso().graphBaseUrl() + "/directoryObjects/" + id).toList());
            contoso.groups().byGroupId(group).patch(patch);
        }
    }

    // ------------------------------------------------------------------------------------------------ target

    /** One user of the target, active or in the recycle bin, as Graph lists it. */
    private record TargetUser(String id, boolean deleted, User graph) {
    }

    private static final String[] TARGET_SELECT = {"id", "otherMails", "creationType", "userType", "accountEnabled",
        "displayName", "givenName", "surname", "mail", "mailNickname", "userPrincipalName", "department", "employeeId",
        "companyName", "showInAddressList", "streetAddress", "city", "state", "postalCode", "country",
        "preferredLanguage", "telephoneNumber", "deletedDateTime"};

    /** Every B2B user of the target, active and soft-deleted, by the address it was invited with. */
    private Map<String, List<TargetUser>> targetUsersByAddress() {
        GraphServiceClient fabrikam = TenantGraphClientFactory.create(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
        List<TargetUser> all = new ArrayList<>();
        String[] activeSelect = java.util.Arrays.copyOf(TARGET_SELECT, TARGET_SELECT.length - 1);
        UserCollectionResponse page = fabrikam.users().get(request -> {
            request.queryParameters.select = activeSelect;
            request.queryParameters.top = 999;
        });
        while (page != null) {
            page.getValue().forEach(user -> all.add(new TargetUser(user.getId(), false, user)));
            String next = page.getOdataNextLink();
            page = next == null ? null : fabrikam.users().withUrl(next).get();
        }
        UserCollectionResponse deleted = fabrikam.directory().deletedItems().graphUser().get(request -> {
            request.queryParameters.select = TARGET_SELECT;
            request.queryParameters.top = 999;
        });
        while (deleted != null) {
            deleted.getValue().forEach(user -> all.add(new TargetUser(user.getId(), true, user)));
            String next = deleted.getOdataNextLink();
            deleted = next == null ? null : fabrikam.directory().deletedItems().graphUser().withUrl(next).get();
        }
        assertThat(all).as("target users").allSatisfy(user -> {
            assertThat(user.graph().getCreationType()).as("creationType of %s", user.id()).isEqualTo("Invitation");
            assertThat(user.graph().getOtherMails()).as("otherMails of %s", user.id()).hasSize(1);
        });
        return all.stream().sorted(Comparator.comparing(TargetUser::id)).collect(Collectors.groupingBy(
                user -> user.graph().getOtherMails().get(0).toLowerCase(Locale.ROOT)));
    }
}
