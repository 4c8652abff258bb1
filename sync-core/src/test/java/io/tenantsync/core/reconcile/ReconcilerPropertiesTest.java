package io.tenantsync.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.mapping.MappedTarget;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.reconcile.ReconcileOptions.ScopeExitAction;
import io.tenantsync.core.reconcile.ReconcileOptions.TargetObjectAction;
import io.tenantsync.core.reconcile.SourceState.Scope;
import io.tenantsync.core.reconcile.TargetState.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Reconcile is level-based: whatever the states, applying its decision and deciding again writes nothing. */
class ReconcilerPropertiesTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final List<String> NAMES = List.of("displayName", "department", "accountEnabled", "userType",
            "showInAddressList", "otherMails", "IsSoftDeleted");

    record Situation(SourceState source, Link link, TargetState target, MappedTarget desired, TrustDecision trust,
            ReconcileOptions options) {

        Decision decide(TargetState current) {
            return Reconciler.decide(source, link, current, desired, trust, options, NOW);
        }
    }

    @Property(tries = 2000)
    void applyingAnyDecisionOtherThanRestoreThenDecidingAgainWritesNothing(@ForAll("situations") Situation situation) {
        Decision first = situation.decide(situation.target());
        TargetState after = SimulatedTarget.applied(situation.target(), first.action(), NOW);

        Decision second = situation.decide(after);

        if (!(first.action() instanceof Action.Restore)) {
            assertThat(second.action())
                    .as("after %s (%s) the target is %s", first.action(), first.reason(), after)
                    .isInstanceOf(Action.Skip.class);
        }
    }

    @Property(tries = 2000)
    void applyingDecisionsConvergesWithinThreeStepsAndRestoreIsFollowedByAtMostOneWrite(
            @ForAll("situations") Situation situation) {
        TargetState target = situation.target();
        List<Action> writes = new ArrayList<>();
        Decision decision = situation.decide(target);
        Statistics.label("first action").collect(decision.action().getClass().getSimpleName());
        while (decision.action().writes() && writes.size() < 3) {
            writes.add(decision.action());
            target = SimulatedTarget.applied(target, decision.action(), NOW);
            decision = situation.decide(target);
        }

        Statistics.label("writes until in sync").collect(writes.size());
        assertThat(decision.action()).as("still writing after %s", writes).isInstanceOf(Action.Skip.class);
        assertThat(writes).hasSizeLessThanOrEqualTo(2);
        if (writes.size() == 2) {
            assertThat(writes.get(0)).isInstanceOf(Action.Restore.class);
        }
    }

    @Property(tries = 500)
    void aUserSoftDeletedBySyncAndBackInScopeIsRestoredThenUpdatedAtMostOnceThenInSync(
            @ForAll("attributes") Attributes deletedWith, @ForAll("desired") MappedTarget desired,
            @ForAll("options") ReconcileOptions options) {
        Situation situation = new Situation(new SourceState.Live(Attributes.empty(), true, Scope.in("assigned")),
                new Link.Linked("t-1", true),
                new TargetState.SoftDeleted("t-1", Origin.EXTERNAL, deletedWith, NOW.minus(Duration.ofDays(6))),
                desired, TrustDecision.allow(), options.withSoftDeleteRetention(Duration.ofDays(30))
                        .withTargetObjectActions(Set.of(TargetObjectAction.values())));

        Decision restore = situation.decide(situation.target());
        TargetState restored = SimulatedTarget.applied(situation.target(), restore.action(), NOW);
        Decision next = situation.decide(restored);
        TargetState updated = SimulatedTarget.applied(restored, next.action(), NOW);

        assertThat(restore.action()).isEqualTo(new Action.Restore());
        assertThat(next.action()).isInstanceOfAny(Action.Update.class, Action.Disable.class, Action.Skip.class);
        assertThat(situation.decide(updated).action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
    }

    @Property(tries = 1000)
    void refusedTrustOrAnInternalTargetUserIsNeverWritten(@ForAll("situations") Situation situation) {
        boolean internal = situation.target() instanceof TargetState.Present present
                        && present.origin() == Origin.INTERNAL
                || situation.target() instanceof TargetState.SoftDeleted deleted
                        && deleted.origin() == Origin.INTERNAL;

        Decision decision = situation.decide(situation.target());

        if (!situation.trust().allowed() || internal) {
            assertThat(decision.action().writes()).isFalse();
        }
    }

    @Property(tries = 1000)
    void aTargetUserSyncNeverLinkedIsNeverDeletedOrDisabled(@ForAll("situations") Situation situation) {
        Decision decision = situation.decide(situation.target());

        if (situation.link() instanceof Link.Unlinked) {
            assertThat(decision.action()).isNotInstanceOfAny(Action.SoftDelete.class, Action.HardDelete.class,
                    Action.Restore.class);
        }
    }

    @Property(tries = 1000)
    void aLinkedUserSoftDeletedBySyncAndBackInScopeWithinTheWindowIsNeverCreatedAgain(
            @ForAll("situations") Situation situation) {
        Decision decision = situation.decide(situation.target());

        boolean restorable = situation.target() instanceof TargetState.SoftDeleted deleted
                && deleted.restorableAt(NOW, situation.options().softDeleteRetention());
        if (restorable && situation.link() instanceof Link.Linked linked && linked.softDeletedBySync()) {
            assertThat(decision.action()).isNotInstanceOf(Action.Create.class);
        }
    }

    @Provide
    Arbitrary<Situation> situations() {
        return Combinators.combine(sources(), links(), targets(), desired(), trusts(), options())
                .as(Situation::new);
    }

    static Arbitrary<SourceState> sources() {
        Arbitrary<Scope> scopes = Arbitraries.frequency(
                Tuple.of(2, Scope.in("assigned")),
                Tuple.of(1, Scope.out("clause department EQUALS Sales failed")));
        Arbitrary<SourceState> live = Combinators.combine(attributes(), Arbitraries.of(true, false), scopes)
                .as(SourceState.Live::new);
        return Arbitraries.frequencyOf(
                Tuple.of(6, live),
                Tuple.of(1, attributes().map(SourceState.SoftDeleted::new)),
                Tuple.of(1, Arbitraries.just(new SourceState.HardDeleted())));
    }

    static Arbitrary<Link> links() {
        return Arbitraries.oneOf(
                Arbitraries.just(Link.none()),
                Arbitraries.of(true, false).map(bySync -> new Link.Linked("t-1", bySync)));
    }

    static Arbitrary<TargetState> targets() {
        Arbitrary<Origin> origins = Arbitraries.frequency(
                Tuple.of(5, Origin.EXTERNAL), Tuple.of(1, Origin.INTERNAL));
        // Around the 30-day window, seconds either side included.
        Arbitrary<Instant> deletedAt = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 45L * 24 * 3600).map(seconds -> NOW.minusSeconds(seconds)),
                Arbitraries.longs().between(-2, 2).map(seconds -> NOW.minus(Duration.ofDays(30)).plusSeconds(seconds)));
        Arbitrary<TargetState> present = Combinators.combine(origins, attributes())
                .as((origin, attributes) -> new TargetState.Present("t-1", origin, attributes));
        Arbitrary<TargetState> softDeleted = Combinators.combine(origins, attributes(), deletedAt)
                .as((origin, attributes, at) -> new TargetState.SoftDeleted("t-1", origin, attributes, at));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(TargetState.absent())), Tuple.of(2, present), Tuple.of(1, softDeleted));
    }

    @Provide("attributes")
    Arbitrary<Attributes> attributesForProperties() {
        return attributes();
    }

    @Provide("desired")
    Arbitrary<MappedTarget> desiredForProperties() {
        return desired();
    }

    @Provide("options")
    Arbitrary<ReconcileOptions> optionsForProperties() {
        return options();
    }

    static Arbitrary<MappedTarget> desired() {
        return Combinators.combine(attributes(), attributes()).as(MappedTarget::new);
    }

    static Arbitrary<TrustDecision> trusts() {
        return Arbitraries.frequency(
                Tuple.of(9, TrustDecision.allow()),
                Tuple.of(1, new TrustDecision.Refused("no inbound sync",
                        "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure", "not enabled")));
    }

    static Arbitrary<ReconcileOptions> options() {
        Arbitrary<Set<TargetObjectAction>> actions = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Set.of(TargetObjectAction.values()))),
                Tuple.of(1, Arbitraries.of(TargetObjectAction.class).set()));
        Arbitrary<Set<String>> alwaysMapped = spellings().set().ofMaxSize(4);
        Arbitrary<Duration> retention = Arbitraries.of(Duration.ofDays(30), Duration.ofDays(7));
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(ScopeExitAction.class), retention,
                actions, alwaysMapped).as(ReconcileOptions::new);
    }

    /** A few attributes with names spelled in varying case and values of every supported shape. */
    static Arbitrary<Attributes> attributes() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.of("Ada", "ada", "Sales", "Member", "Guest", "true", "True", "false", "3", ""),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(2, 4).map(Object.class::cast),
                Arbitraries.of("a@x", "b@x", "A@x").list().ofMaxSize(2).map(Object.class::cast));
        Arbitrary<String> names = spellings();
        return Arbitraries.maps(names, values).ofMaxSize(4)
                .map(map -> Attributes.of(new LinkedHashMap<String, Object>(map)));
    }

    /** The name as spelled, in upper case or in lower case: names compare case-insensitively everywhere. */
    static Arbitrary<String> spellings() {
        return Arbitraries.of(NAMES).flatMap(name -> Arbitraries.of(name, name.toUpperCase(Locale.ROOT),
                name.toLowerCase(Locale.ROOT)));
    }
}
