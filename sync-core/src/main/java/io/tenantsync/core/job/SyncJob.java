package io.tenantsync.core.job;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.provision.ProvisioningOutcome;
import io.tenantsync.core.provision.SourceUser;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.reconcile.Link;
import io.tenantsync.core.reconcile.SourceState;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.scope.ScopeDecision;
import io.tenantsync.core.scope.ScopeEvaluator;
import io.tenantsync.core.scope.ScopeSubject;
import io.tenantsync.core.source.MembershipChange;
import io.tenantsync.core.source.ResyncRequiredException;
import io.tenantsync.core.source.SourceDirectory;
import io.tenantsync.core.source.SourceRound;
import io.tenantsync.core.source.SourceUserRecord;
import io.tenantsync.core.source.Watermarks;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.CycleKind;
import io.tenantsync.core.store.CycleSummary;
import io.tenantsync.core.store.Escrow;
import io.tenantsync.core.store.FailureKind;
import io.tenantsync.core.store.JobState;
import io.tenantsync.core.store.LinkState;
import io.tenantsync.core.store.LoggedIdentity;
import io.tenantsync.core.store.MembershipStore;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.ProvisioningLogEntry;
import io.tenantsync.core.store.ProvisioningStatus;
import io.tenantsync.core.store.ProvisioningStep;
import io.tenantsync.core.store.ProvisioningStepType;
import io.tenantsync.core.store.StagedDeletion;
import io.tenantsync.core.store.SyncStore;
import io.tenantsync.core.store.WatermarkStore;
import io.tenantsync.core.store.WriteFailure;
import io.tenantsync.core.target.TargetDirectoryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One connection's sync job: each {@link #runCycle() cycle} reads the source (everything on an initial cycle, the
 * changes since the stored watermarks on an incremental one), decides each affected user's scope, and provisions it
 * into the target with the {@link UserProvisioner}, keeping links, escrows, held deletions, the provisioning log and
 * the job state in the {@link SyncStore}.
 *
 * <p>Guards, as Entra has them (entra-semantics §3.3–§3.5):
 * <ul>
 *   <li>Deletion threshold: a cycle first plans which users it would deprovision — those with an active link that
 *       are out of scope or removed from the source — and when they exceed the threshold and were not approved,
 *       holds them all (staged, logged {@code stagedDelete}), provisions everyone else, and quarantines the job with
 *       {@code TooManyDeletes}; {@link #approveDeletes()} lets the next cycle run them. The plan predicts from the
 *       source and the link only (the provisioner decides against the target), so it may count a user the target
 *       turns out not to need deprovisioned, e.g. a disabled user leaving scope: it errs on the side of holding.</li>
 *   <li>Escrow: a failed write is retried by {@link EscrowPolicy}; due escrows are provisioned again at the start of
 *       the next cycle from the source's current state.</li>
 *   <li>Quarantine: credentials the target (or source) refuses stop the cycle at once — no more writes, watermarks
 *       not advanced, so a later cycle reads the same changes again — and quarantine the job through
 *       {@link QuarantineStateMachine}; while quarantined, a cycle before the back-off's next attempt does nothing.</li>
 * </ul>
 *
 * <p>Users are read and provisioned by a small fixed pool of workers; their results are recorded in the store by the
 * cycle's own thread, in the order the source gave the users, the results ready at that moment (up to
 * {@value #RECORD_BATCH} users' links, escrows and log entries) in one transaction. A crash mid-cycle leaves the watermarks where they were, so the next cycle reads the changes again,
 * which provisioning (level-based, idempotent) absorbs.
 *
 * <p>The direct members of the assigned groups are kept in memory ({@link AssignedGroupMembers}) and in the store
 * ({@link io.tenantsync.core.store.MembershipStore}), written as each round is read: a restarted process goes on
 * from the stored watermarks with an incremental cycle. Saved under another assignment (the job file named other
 * groups), the state is not used, and the first cycle is initial.
 *
 * <p>One cycle or on-demand request runs at a time per job (the public methods are synchronized).
 */
public final class SyncJob {

    /** At most this many due escrows are retried per cycle; the rest wait for the next. */
    private static final int ESCROW_RETRIES_PER_CYCLE = 10_000;
    private static final int LINK_PAGE = 1_000;
    /** From this many unlinked users in a cycle on, the target's matchable addresses are read once. */
    private static final int MATCHING_SNAPSHOT_MIN = 100;
    /** At most this many users' results are recorded in one store transaction. */
    private static final int RECORD_BATCH = 200;
    private static final String NOT_RUN = "not-run";

    private final SyncJobSettings settings;
    private final ConnectionId connection;
    private final SourceDirectory source;
    private final UserProvisioner provisioner;
    private final SyncStore store;
    private final ScopeEvaluator scope;
    private final QuarantineStateMachine quarantine;
    private final EscrowPolicy escrowPolicy;
    private final Clock clock;

    /** Null until an initial round of this process read it. */
    private AssignedGroupMembers membership;

    public SyncJob(SyncJobSettings settings, SourceDirectory source, UserProvisioner provisioner, SyncStore store,
                   QuarantineStateMachine quarantine, EscrowPolicy escrowPolicy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connection = settings.connection();
        this.source = Objects.requireNonNull(source, "source");
        this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
        this.store = Objects.requireNonNull(store, "store");
        this.scope = new ScopeEvaluator(settings.assignment(), settings.scopingFilters());
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.escrowPolicy = Objects.requireNonNull(escrowPolicy, "escrowPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A job with Entra's quarantine thresholds and escrow schedule. */
    public SyncJob(SyncJobSettings settings, SourceDirectory source, UserProvisioner provisioner, SyncStore store,
                   Clock clock) {
        this(settings, source, provisioner, store, QuarantineStateMachine.entra(), EscrowPolicy.entra(), clock);
    }

    public SyncJobSettings settings() {
        return settings;
    }

    /** The job's stored state: quarantine, pending approval, the last cycle. */
    public JobState state() {
        return store.jobState().get(connection);
    }

    /** The deletions the threshold holds, awaiting {@link #approveDeletes()}. */
    public List<StagedDeletion> stagedDeletions() {
        return store.jobState().staged(connection);
    }

    /**
     * Entra's "Allow deletes": the next cycle runs the held deletions past the threshold, and runs now rather than at
     * the {@code TooManyDeletes} quarantine's back-off. The approval is spent by the next completed cycle.
     */
    public synchronized void approveDeletes() {
        JobState state = store.jobState().get(connection);
        store.jobState().put(state.withDeletionsApproved(true)
                .withQuarantine(quarantine.deletionsApproved(state.quarantine(), clock.instant())));
    }

    /**
     * Runs one cycle. A quarantined job whose next attempt is not due (or a stopped one) does nothing and says so in
     * the summary's error, with cycle id {@value #NOT_RUN}; such a summary is not recorded as a cycle.
     */
    public synchronized CycleSummary runCycle() {
        return runCycle(CycleProgress.NONE);
    }

    /** {@link #runCycle()}, telling {@code progress} how far it got. */
    public synchronized CycleSummary runCycle(CycleProgress progress) {
        Objects.requireNonNull(progress, "progress");
        Instant began = clock.instant();
        JobState state = store.jobState().get(connection);
        if (!state.quarantine().allowsCycleAt(began)) {
            String error = "not run: " + state.quarantine().state() + " (" + state.quarantine().reason() + ": "
                    + state.quarantine().error() + ")" + (state.quarantine().nextAttempt() == null ? ""
                    : "; next attempt at " + state.quarantine().nextAttempt());
            return new CycleSummary(NOT_RUN, CycleKind.INCREMENTAL, began, began, 0, 0, 0, 0, 0, 0, 0, 0, 0, error);
        }
        ExecutorService workers = Executors.newFixedThreadPool(settings.parallelism(), workerThreads());
        try {
            return new Cycle(state, began, workers, progress).run();
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Provisions one user now, by the path a cycle takes (scope, link, provision, record), without the deletion
     * threshold (an administrator asked for this user). The assigned groups' membership is that of the last cycle;
     * before any cycle in this process it is read with an initial round of the source.
     *
     * @throws NoSuchElementException when the source has no such user and the job never linked one
     */
    public synchronized OnDemandProvisioning provisionOnDemand(String sourceUserId) {
        Objects.requireNonNull(sourceUserId, "sourceUserId");
        if (membership == null) {
            membership = savedMembership().orElseGet(
                    () -> AssignedGroupMembers.of(source.initialRound(settings.assignment()).groupMembers()));
        }
        Optional<ObjectLink> link = store.links().bySource(connection, ObjectType.USER, sourceUserId);
        Optional<SourceUserRecord> record = source.user(sourceUserId);
        if (record.isEmpty() && link.isEmpty()) {
            throw new NoSuchElementException("the source has no user " + sourceUserId + " and none is linked");
        }
        boolean staged = store.jobState().staged(connection).stream()
                .anyMatch(deletion -> deletion.objectType() == ObjectType.USER
                        && deletion.sourceId().equals(sourceUserId));
        UserWork work = userWork(sourceUserId, record, link, staged);
        Provisioned provisioned = provision(work);
        String cycleId = "on-demand-" + UUID.randomUUID();
        Recorded recorded = record(provisioned, cycleId);
        return new OnDemandProvisioning(provisioned.outcome(), recorded.entries());
    }

    // ------------------------------------------------------------------------------------------------ one cycle

    /** The state of one running cycle. */
    private final class Cycle {

        private final JobState state;
        private final Instant began;
        private final ExecutorService workers;
        private final String cycleId = UUID.randomUUID().toString();
        private final CycleCounts counts = new CycleCounts();
        private CycleKind kind = CycleKind.INITIAL;
        /** The users with an escrow due this cycle. */
        private final Set<String> escrowed = new HashSet<>();

        private final CycleProgress progress;

        Cycle(JobState state, Instant began, ExecutorService workers, CycleProgress progress) {
            this.state = state;
            this.began = began;
            this.workers = workers;
            this.progress = progress;
        }

        CycleSummary run() {
            ImportedRound round;
            List<UserWork> users;
            try {
                round = importRound();
                kind = round.kind();
                users = resolve(round);
            } catch (TargetDirectoryException e) {
                return sourceFailed(e);
            }

            List<PlannedChange> deletions = users.stream().filter(UserWork::deprovisions)
                    .map(UserWork::plannedDeprovisioning).toList();
            DeletionThreshold.DeletionGate gate = settings.deletionThreshold().apply(deletions,
                    state.deletionsApproved());
            Set<String> held = gate.held().stream().map(PlannedChange::sourceId).collect(Collectors.toSet());
            for (UserWork user : users) {
                if (held.contains(user.sourceId())) {
                    stage(user, gate);
                }
            }

            long total = users.size();
            progress.update(held.size(), total);
            Set<String> matchable = matchableAddresses(users);
            AtomicReference<TargetDirectoryException> refusal = new AtomicReference<>();
            List<Future<Provisioned>> results = new ArrayList<>(users.size());
            for (UserWork user : users) {
                if (!held.contains(user.sourceId())) {
                    results.add(workers.submit(() -> provisionUnlessRefused(user, matchable, refusal)));
                }
            }
            // recorded in batches, one transaction each: one commit (a disk sync for a durable store) per user would
            // make the cycle's own thread the bottleneck; a batch is flushed as soon as the next result is not ready
            List<Provisioned> batch = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Provisioned provisioned = await(results.get(i));
                if (provisioned != null && !refusedCredentials(provisioned)) {
                    batch.add(provisioned);
                }
                boolean nextPending = i + 1 < results.size() && !results.get(i + 1).isDone();
                if (!batch.isEmpty() && (batch.size() >= RECORD_BATCH || nextPending || i + 1 == results.size())) {
                    List<Recorded> recorded = recordAll(batch, cycleId);
                    for (int j = 0; j < batch.size(); j++) {
                        counts.add(batch.get(j).outcome(), recorded.get(j).result());
                    }
                    batch.clear();
                    progress.update(held.size() + i + 1, total);
                }
            }

            if (refusal.get() != null) {
                TargetDirectoryException refused = refusal.get();
                return finish("credentials refused: " + refused.getMessage(),
                        CycleHealth.refused(kind, failureOf(refused)), null, false);
            }
            var escrows = store.escrows().counts(connection);
            CycleHealth health = new CycleHealth(kind, escrows.nonReference(), escrows.reference(),
                    counts.succeeded(), null, gate.holding(), false);
            return finish(null, health, round.next(), true);
        }

        /** Reads the round: changes since the watermarks, or everything when there are none to trust. */
        private ImportedRound importRound() {
            Set<String> retried = new LinkedHashSet<>();
            store.escrows().due(connection, began, ESCROW_RETRIES_PER_CYCLE)
                    .forEach(escrow -> escrowed.add(escrow.objectId()));
            retried.addAll(escrowed);
            store.jobState().staged(connection).forEach(deletion -> retried.add(deletion.sourceId()));

            if (membership == null && !state.forceInitialCycle()) {
                membership = savedMembership().orElse(null);
            }
            Optional<Watermarks> watermarks = membership == null || state.forceInitialCycle() ? Optional.empty()
                    : storedWatermarks();
            if (watermarks.isPresent()) {
                try {
                    return incremental(source.nextRound(watermarks.get()), retried);
                } catch (ResyncRequiredException e) {
                    // the watermarks expired: Entra restarts with clear state, i.e. an initial cycle
                }
            }
            SourceRound round;
            try {
                round = source.initialRound(settings.assignment());
            } catch (ResyncRequiredException e) {
                round = source.initialRound(settings.assignment()); // a page token expired mid-round: start again once
            }
            return initial(round, retried);
        }

        private ImportedRound initial(SourceRound round, Set<String> retried) {
            membership = AssignedGroupMembers.of(round.groupMembers());
            store.membership().replace(connection, assignmentKey(), round.groupMembers());
            Map<String, SourceUserRecord> records = new HashMap<>();
            Set<String> affected = new LinkedHashSet<>();
            for (SourceUserRecord user : round.users()) {
                records.put(user.id(), user);
                affected.add(user.id());
            }
            // users linked earlier but no longer candidates: left scope or were deleted while nobody looked
            String after = null;
            List<ObjectLink> page;
            do {
                page = store.links().page(connection, ObjectType.USER, after, LINK_PAGE);
                for (ObjectLink link : page) {
                    affected.add(link.sourceId());
                    after = link.sourceId();
                }
            } while (page.size() == LINK_PAGE);
            affected.addAll(retried);
            return new ImportedRound(CycleKind.INITIAL, List.copyOf(affected), records, round.next());
        }

        private ImportedRound incremental(SourceRound round, Set<String> retried) {
            Map<String, SourceUserRecord> records = new HashMap<>();
            Set<String> affected = new LinkedHashSet<>();
            for (SourceUserRecord user : round.users()) {
                records.put(user.id(), user);
                affected.add(user.id());
            }
            List<MembershipStore.MemberChange> changes = new ArrayList<>(round.membershipChanges().size());
            for (MembershipChange change : round.membershipChanges()) {
                if (change.added()) {
                    membership.add(change.groupId(), change.memberId());
                } else {
                    membership.remove(change.groupId(), change.memberId());
                }
                changes.add(new MembershipStore.MemberChange(change.groupId(), change.memberId(), change.added()));
                affected.add(change.memberId());
            }
            for (String group : round.deletedGroupIds()) {
                affected.addAll(membership.removeGroup(group));
            }
            store.membership().apply(connection, changes, round.deletedGroupIds());
            affected.addAll(retried);
            return new ImportedRound(CycleKind.INCREMENTAL, List.copyOf(affected), records, round.next());
        }

        /**
         * The affected users that concern the connection — candidates and linked users — with their source state,
         * scope and link. Users a change round carried but the connection never saw and does not cover are dropped,
         * unless they are in escrow unlinked: their failed creation may have made a target user, which must not be
         * left behind if they left scope meanwhile, and their escrow is settled either way.
         * Read by the workers: the membership state is only read meanwhile.
         */
        private List<UserWork> resolve(ImportedRound round) {
            Set<String> staged = new HashSet<>();
            store.jobState().staged(connection).forEach(deletion -> staged.add(deletion.sourceId()));
            List<Future<List<UserWork>>> resolved = new ArrayList<>();
            List<String> unread = new ArrayList<>();
            for (String id : round.affected()) {
                SourceUserRecord carried = round.records().get(id);
                if (carried == null) {
                    unread.add(id);
                } else {
                    resolved.add(workers.submit(() -> resolveCarried(id, carried, staged).stream().toList()));
                }
            }
            // users the round did not carry (members added or removed, retries) are read from the source several
            // to a request: a bulk group add read one by one cost more than provisioning the users
            int perRead = Math.max(1, source.usersPerRead());
            for (int from = 0; from < unread.size(); from += perRead) {
                List<String> ids = unread.subList(from, Math.min(unread.size(), from + perRead));
                resolved.add(workers.submit(() -> {
                    Map<String, Optional<SourceUserRecord>> read = source.users(ids);
                    List<UserWork> part = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        resolveUser(id, read.get(id), linkOf(id), staged).ifPresent(part::add);
                    }
                    return part;
                }));
            }
            Map<String, UserWork> byId = new HashMap<>();
            for (Future<List<UserWork>> part : resolved) {
                await(part).forEach(user -> byId.put(user.sourceId(), user));
            }
            List<UserWork> users = new ArrayList<>(byId.size());
            for (String id : round.affected()) {
                UserWork user = byId.get(id);
                if (user != null) {
                    users.add(user);
                }
            }
            return users;
        }

        /** Whether an earlier creation of this unlinked user failed and is retried now (it may have committed). */
        private boolean creationPending(String id, Optional<ObjectLink> link) {
            return link.isEmpty() && escrowed.contains(id);
        }

        private Optional<ObjectLink> linkOf(String id) {
            return store.links().bySource(connection, ObjectType.USER, id);
        }

        /** {@link #resolveUser} for a user the round carried. */
        private Optional<UserWork> resolveCarried(String id, SourceUserRecord carried, Set<String> staged) {
            Optional<ObjectLink> link = linkOf(id);
            // a deletion the round carried has no attributes; a pending creation needs the invited address
            Optional<SourceUserRecord> record = carried.isRemoved() && creationPending(id, link) ? source.user(id)
                    : Optional.of(carried);
            return resolveUser(id, record, link, staged);
        }

        /**
         * One affected user with its source state, or empty when the connection never saw it and does not cover it
         * (a change elsewhere in the source tenant) and no earlier creation of it is pending.
         */
        private Optional<UserWork> resolveUser(String id, Optional<SourceUserRecord> record, Optional<ObjectLink> link,
                                               Set<String> staged) {
            if (link.isEmpty() && !creationPending(id, link) && !record.map(this::covered).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(userWork(id, record, link, staged.contains(id)));
        }

        /** Whether the connection covers a live user: assigned, directly or through an assigned group. */
        private boolean covered(SourceUserRecord user) {
            return !user.isRemoved() && settings.assignment().includes(user.id(), membership.groupsOf(user.id()));
        }

        /**
         * When the cycle has many unlinked users to match (an initial cycle, a bulk group add), the addresses the
         * target could match them by, read once: each absent user then costs no lookup (two reads fewer per
         * creation). Null (look each up) for a few users, or when the target cannot list them.
         */
        private Set<String> matchableAddresses(List<UserWork> users) {
            long unlinked = users.stream().filter(user -> user.link().isEmpty()
                    && user.state() instanceof SourceState.Live live && live.scope().inScope()).count();
            if (unlinked < MATCHING_SNAPSHOT_MIN) {
                return null;
            }
            try {
                return provisioner.matchableAddresses().orElse(null);
            } catch (TargetDirectoryException e) {
                return null; // each user is looked up, and fails or not on its own
            }
        }

        private Provisioned provisionUnlessRefused(UserWork user, Set<String> matchable,
                                                   AtomicReference<TargetDirectoryException> refusal) {
            if (refusal.get() != null) {
                return null; // the connection's credentials were refused: nothing more is tried this cycle
            }
            Provisioned provisioned = provision(user, matchable, creationPending(user.sourceId(), user.link()));
            if (refusedCredentials(provisioned)) {
                refusal.compareAndSet(null, provisioned.outcome().failure().orElseThrow());
            }
            return provisioned;
        }

        private void stage(UserWork user, DeletionThreshold.DeletionGate gate) {
            Instant now = clock.instant();
            PlannedChange planned = user.plannedDeprovisioning();
            ObjectOutcome outcome = new ObjectOutcome(ObjectType.USER, user.sourceIdentity(),
                    user.targetIdentity(), user.scope(), "linked to target user " + planned.targetId(),
                    planned.decision(), new ExportResult.Held(gate.plannedDeletions(),
                    settings.deletionThreshold().limit()), 0);
            store.runInTransaction(transaction -> {
                transaction.jobState().stage(planned.staged(connection, cycleId, now));
                transaction.provisioningLog().append(outcome.toLogEntry(UUID.randomUUID().toString(), connection,
                        cycleId, UUID.randomUUID().toString(), now));
            });
            counts.staged++;
        }

        private CycleSummary sourceFailed(TargetDirectoryException e) {
            String error = "reading the source failed: " + e.getMessage();
            if (e.kind() == TargetDirectoryException.Kind.CREDENTIALS) {
                return finish(error, CycleHealth.refused(kind, failureOf(e)), null, false);
            }
            // a passing source failure neither quarantines nor lifts a quarantine: the next cycle tries again
            return finish(error, null, null, false);
        }

        /**
         * Ends the cycle: the new watermarks (only when it completed), the quarantine verdict on its health (none
         * when the source failed passingly), the approval spent, the summary kept.
         */
        private CycleSummary finish(String error, CycleHealth health, Watermarks next, boolean completed) {
            Instant ended = clock.instant();
            CycleSummary summary = counts.summary(cycleId, kind, began, ended, error);
            JobState after = state;
            boolean pruneEscrows = false;
            if (health != null) {
                QuarantineStateMachine.Verdict verdict = quarantine.afterCycle(state.quarantine(), health, ended);
                after = after.withQuarantine(verdict.status());
                pruneEscrows = verdict.escrowsPruned();
            }
            after = after.afterCycle(summary);
            if (completed) {
                // an approval covers the cycle after it, not some later mass deletion
                after = after.withDeletionsApproved(false);
            }
            JobState finalState = after;
            boolean prune = pruneEscrows;
            store.runInTransaction(transaction -> {
                if (next != null) {
                    transaction.watermarks().put(connection, WatermarkStore.USERS_DELTA, next.usersDeltaLink());
                    transaction.watermarks().put(connection, WatermarkStore.GROUPS_DELTA,
                            String.join("\n", next.groupsDeltaLinks()));
                }
                if (prune) {
                    transaction.escrows().clear(connection);
                }
                transaction.jobState().put(finalState);
            });
            return summary;
        }
    }

    // ------------------------------------------------------------------------------------------------ per user

    /** What a cycle knows of one affected user before provisioning it. */
    private record UserWork(String sourceId, SourceState state, ScopeDecision scope, Optional<ObjectLink> link,
                            String displayName, boolean staged) {

        /** Whether the plan counts this user against the deletion threshold. */
        boolean deprovisions() {
            boolean leaving = !(state instanceof SourceState.Live live) || !live.scope().inScope();
            return leaving && link.isPresent() && link.get().state() == LinkState.ACTIVE;
        }

        PlannedChange plannedDeprovisioning() {
            Decision decision;
            if (state instanceof SourceState.HardDeleted) {
                decision = new Decision(new Action.HardDelete(), "source user was permanently deleted → delete");
            } else if (state instanceof SourceState.SoftDeleted) {
                decision = new Decision(new Action.SoftDelete(), "source user was deleted → soft delete");
            } else {
                decision = new Decision(new Action.SoftDelete(), "source user left scope: "
                        + ((SourceState.Live) state).scope().reason() + " → soft delete");
            }
            return new PlannedChange(ObjectType.USER, sourceId, link.map(ObjectLink::targetId).orElse(null),
                    decision);
        }

        Link reconcileLink() {
            return link.map(ObjectLink::toReconcileLink).orElse(Link.none());
        }

        LoggedIdentity sourceIdentity() {
            return new LoggedIdentity(sourceId, displayName);
        }

        LoggedIdentity targetIdentity() {
            return link.map(l -> new LoggedIdentity(l.targetId(), null)).orElse(LoggedIdentity.none());
        }
    }

    /** A user provisioned by a worker, not yet recorded. */
    private record Provisioned(UserWork work, ProvisioningOutcome outcome, Instant at, long durationInMilliseconds) {
    }

    /** What recording a provisioned user wrote to the log, and what became of its write. */
    private record Recorded(List<ProvisioningLogEntry> entries, ExportResult result) {
    }

    private UserWork userWork(String id, Optional<SourceUserRecord> record, Optional<ObjectLink> link,
                              boolean staged) {
        String displayName = record.map(r -> r.attributes().getString("displayName")).orElse(null);
        if (record.isEmpty() || record.get().removal() == SourceUserRecord.Removal.HARD_DELETED) {
            return new UserWork(id, new SourceState.HardDeleted(), null, link, displayName, staged);
        }
        SourceUserRecord user = record.get();
        if (user.removal() == SourceUserRecord.Removal.SOFT_DELETED) {
            return new UserWork(id, new SourceState.SoftDeleted(user.attributes()), null, link, displayName, staged);
        }
        Attributes attributes = user.attributes();
        ScopeDecision decision = scope.evaluate(new ScopeSubject(id, membership.groupsOf(id), attributes));
        SourceState.Scope inScope = decision.inScope() ? SourceState.Scope.in(decision.reason())
                : SourceState.Scope.out(decision.reason());
        return new UserWork(id, new SourceState.Live(attributes, user.accountEnabled(), inScope), decision, link,
                displayName, staged);
    }

    private Provisioned provision(UserWork user) {
        return provision(user, null, false);
    }

    private Provisioned provision(UserWork user, Set<String> matchable, boolean creationPending) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        ProvisioningOutcome outcome = provisioner.provision(new SourceUser(user.sourceId(), user.state()),
                user.reconcileLink(), matchable, creationPending);
        return new Provisioned(user, outcome, at, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /**
     * Records one provisioned user in one transaction: its link, its escrow (kept, renewed or dropped), its release
     * from the held deletions, and its log entries.
     */
    private Recorded record(Provisioned provisioned, String cycleId) {
        Instant now = clock.instant();
        return store.inTransaction(transaction -> recordIn(transaction, provisioned, cycleId, now));
    }

    /** Records several provisioned users in one transaction (all or none), in order. */
    private List<Recorded> recordAll(List<Provisioned> provisioned, String cycleId) {
        Instant now = clock.instant();
        return store.inTransaction(transaction -> {
            List<Recorded> recorded = new ArrayList<>(provisioned.size());
            for (Provisioned one : provisioned) {
                recorded.add(recordIn(transaction, one, cycleId, now));
            }
            return recorded;
        });
    }

    private Recorded recordIn(SyncStore transaction, Provisioned provisioned, String cycleId, Instant now) {
        UserWork user = provisioned.work();
        ProvisioningOutcome outcome = provisioned.outcome();
        keepLink(transaction, user, outcome.link(), now);
        ExportResult result = outcome.status() == ProvisioningOutcome.Status.FAILURE
                ? escrowOrGiveUp(transaction, user, outcome, now) : settleEscrow(transaction, user);
        if (user.staged()) {
            transaction.jobState().unstage(connection, ObjectType.USER, user.sourceId());
        }
        List<ProvisioningLogEntry> entries = logEntries(provisioned, result, cycleId);
        entries.forEach(transaction.provisioningLog()::append);
        return new Recorded(entries, result);
    }

    private void keepLink(SyncStore transaction, UserWork user, Link link, Instant now) {
        if (link instanceof Link.Linked linked) {
            LinkState state = linked.softDeletedBySync() ? LinkState.SOFT_DELETED_BY_SYNC : LinkState.ACTIVE;
            Optional<ObjectLink> earlier = user.link();
            if (earlier.isPresent() && earlier.get().targetId().equals(linked.targetObjectId())) {
                if (earlier.get().state() != state) {
                    transaction.links().put(earlier.get().withState(state, now));
                }
            } else {
                ObjectLink created = ObjectLink.active(connection, ObjectType.USER, user.sourceId(),
                        linked.targetObjectId(), null, now);
                transaction.links().put(created.withState(state, now));
            }
        } else if (user.link().isPresent()) {
            transaction.links().remove(connection, ObjectType.USER, user.sourceId());
        }
    }

    private ExportResult settleEscrow(SyncStore transaction, UserWork user) {
        transaction.escrows().remove(connection, ObjectType.USER, user.sourceId());
        return ExportResult.applied();
    }

    private ExportResult escrowOrGiveUp(SyncStore transaction, UserWork user, ProvisioningOutcome outcome,
                                        Instant now) {
        WriteFailure failure = outcome.failure().map(SyncJob::failureOf)
                // the mapping failed: the object's own fault, like a refused request
                .orElseGet(() -> new WriteFailure(FailureKind.BAD_REQUEST, "MappingFailed", outcome.error()));
        Optional<Escrow> earlier = transaction.escrows().get(connection, ObjectType.USER, user.sourceId());
        int attempts = earlier.map(escrow -> escrow.attempts() + 1).orElse(1);
        Instant firstFailedAt = earlier.map(Escrow::firstFailedAt).orElse(now);
        Duration retryAfter = outcome.failure().flatMap(TargetDirectoryException::retryAfter).orElse(null);
        EscrowPolicy.Verdict verdict = escrowPolicy.afterFailure(failure.kind(), attempts, firstFailedAt, retryAfter,
                now);
        if (verdict instanceof EscrowPolicy.Verdict.Retry retry) {
            ProvisioningAction action = outcome.lastDecision().map(d -> ObjectOutcome.logAction(d.action()))
                    .orElse(user.link().isPresent() ? ProvisioningAction.UPDATE : ProvisioningAction.CREATE);
            transaction.escrows().put(earlier.map(escrow -> escrow.failedAgain(failure, retry.nextAttempt()))
                    .orElseGet(() -> new Escrow(connection, ObjectType.USER, user.sourceId(),
                            user.link().map(ObjectLink::targetId).orElse(null), action, false, 1, now,
                            retry.nextAttempt(), failure)));
            return new ExportResult.Failed(failure, true);
        }
        transaction.escrows().remove(connection, ObjectType.USER, user.sourceId());
        return new ExportResult.Failed(failure, false);
    }

    /** One entry per decision, sharing a change id: a restore and the update it made possible are two entries. */
    private List<ProvisioningLogEntry> logEntries(Provisioned provisioned, ExportResult result, String cycleId) {
        UserWork user = provisioned.work();
        ProvisioningOutcome outcome = provisioned.outcome();
        String changeId = UUID.randomUUID().toString();
        LoggedIdentity target = outcome.targetObjectId().map(id -> new LoggedIdentity(id, null))
                .orElse(user.targetIdentity());
        if (outcome.decisions().isEmpty()) {
            return List.of(undecidedFailure(provisioned, (ExportResult.Failed) result, target, cycleId, changeId));
        }
        String matching = matchingSummary(user, outcome);
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        List<Decision> decisions = outcome.decisions();
        for (int i = 0; i < decisions.size(); i++) {
            ExportResult decisionResult = i == decisions.size() - 1 ? result : ExportResult.applied();
            entries.add(new ObjectOutcome(ObjectType.USER, user.sourceIdentity(), target, user.scope(), matching,
                    decisions.get(i), decisionResult, provisioned.durationInMilliseconds())
                    .toLogEntry(UUID.randomUUID().toString(), connection, cycleId, changeId, provisioned.at()));
        }
        return entries;
    }

    private static String matchingSummary(UserWork user, ProvisioningOutcome outcome) {
        if (user.link().isPresent()) {
            return "linked to target user " + user.link().get().targetId();
        }
        boolean created = outcome.decisions().get(0).action() instanceof Action.Create;
        return outcome.targetObjectId().filter(id -> !created)
                .map(id -> "matched target user " + id + " by the invited address")
                .orElse("no matching user");
    }

    /**
     * The entry of a user whose provisioning failed before any decision: its mapping could not be evaluated, or the
     * target could not be read. {@link ObjectOutcome} describes decisions, so this one is written out here.
     */
    private ProvisioningLogEntry undecidedFailure(Provisioned provisioned, ExportResult.Failed failed,
                                                  LoggedIdentity target, String cycleId, String changeId) {
        UserWork user = provisioned.work();
        String reason = provisioned.outcome().error() + (failed.escrowed() ? "; will be retried" : "; not retried");
        String name = user.displayName() != null ? user.displayName() : user.sourceId();
        List<ProvisioningStep> steps = List.of(
                new ProvisioningStep(ProvisioningStepType.IMPORT, "EntryImport", ProvisioningStatus.SUCCESS,
                        "Retrieved " + name + " from " + ObjectOutcome.SOURCE_SYSTEM),
                new ProvisioningStep(ProvisioningStepType.SCOPING, "EntrySynchronizationScoping",
                        user.scope() == null || user.scope().inScope() ? ProvisioningStatus.SUCCESS
                                : ProvisioningStatus.SKIPPED,
                        user.scope() == null ? "not evaluated: the source object is deleted"
                                : (user.scope().inScope() ? "in scope: " : "out of scope: ") + user.scope().reason()),
                new ProvisioningStep(ProvisioningStepType.MATCHING, "EntryMatching", ProvisioningStatus.FAILURE,
                        "not reached: " + provisioned.outcome().error()),
                new ProvisioningStep(ProvisioningStepType.EXPORT, "EntryExportSkip", ProvisioningStatus.FAILURE,
                        reason));
        ProvisioningAction action = user.link().isPresent() ? ProvisioningAction.UPDATE : ProvisioningAction.CREATE;
        return new ProvisioningLogEntry(UUID.randomUUID().toString(), connection, cycleId, changeId,
                provisioned.at(), ObjectType.USER, action, ProvisioningStatus.FAILURE, user.sourceIdentity(), target,
                List.of(), steps, failed.failure().errorCode(), reason, provisioned.durationInMilliseconds());
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /** The membership state saved under this job's assignment, if any. */
    private Optional<AssignedGroupMembers> savedMembership() {
        return store.membership().get(connection, assignmentKey()).map(AssignedGroupMembers::of);
    }

    /** The assignment the membership state is saved under, spelt the same whatever the order of its ids. */
    private String assignmentKey() {
        if (!(settings.assignment() instanceof AssignmentScope.Assigned assigned)) return "all-users";
        return "groups=" + String.join(",", new TreeSet<>(assigned.groupIds()))
                + ";users=" + String.join(",", new TreeSet<>(assigned.userIds()));
    }

    private Optional<Watermarks> storedWatermarks() {
        return store.watermarks().get(connection, WatermarkStore.USERS_DELTA).map(users -> new Watermarks(users,
                store.watermarks().get(connection, WatermarkStore.GROUPS_DELTA).stream()
                        .flatMap(groups -> Arrays.stream(groups.split("\n")))
                        .filter(link -> !link.isBlank()).toList()));
    }

    private static boolean refusedCredentials(Provisioned provisioned) {
        return provisioned.outcome().failure()
                .filter(e -> e.kind() == TargetDirectoryException.Kind.CREDENTIALS).isPresent();
    }

    private static WriteFailure failureOf(TargetDirectoryException e) {
        // the kinds share their names (FailureKind's contract)
        return new WriteFailure(FailureKind.valueOf(e.kind().name()), e.errorCode(), e.getMessage());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cycle ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "sync-job-" + connection + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * What a round brought in.
     *
     * @param affected the ids of the users to look at, in the order the source gave them, each once
     * @param records  the users the round carried, by id; the others are read one by one
     */
    private record ImportedRound(CycleKind kind, List<String> affected, Map<String, SourceUserRecord> records,
                                 Watermarks next) {
    }

    /** The counts of a cycle's summary, kept by the cycle's own thread. */
    private static final class CycleCounts {
        long created;
        long updated;
        long disabled;
        long deleted;
        long restored;
        long staged;
        long skipped;
        long escrowed;
        long failed;

        void add(ProvisioningOutcome outcome, ExportResult result) {
            List<Decision> decisions = outcome.decisions();
            int applied = result instanceof ExportResult.Failed ? decisions.size() - 1 : decisions.size();
            for (int i = 0; i < applied; i++) {
                Action action = decisions.get(i).action();
                if (action instanceof Action.Create) {
                    created++;
                } else if (action instanceof Action.Update) {
                    updated++;
                } else if (action instanceof Action.Disable) {
                    disabled++;
                } else if (action instanceof Action.SoftDelete || action instanceof Action.HardDelete) {
                    deleted++;
                } else if (action instanceof Action.Restore) {
                    restored++;
                } else {
                    skipped++;
                }
            }
            if (result instanceof ExportResult.Failed failed) {
                if (failed.escrowed()) {
                    escrowed++;
                } else {
                    this.failed++;
                }
            }
        }

        long succeeded() {
            return created + updated + disabled + deleted + restored + skipped;
        }

        CycleSummary summary(String cycleId, CycleKind kind, Instant began, Instant ended, String error) {
            return new CycleSummary(cycleId, kind, began, ended, created, updated, disabled, deleted, restored,
                    staged, skipped, escrowed, failed, error);
        }
    }
}
