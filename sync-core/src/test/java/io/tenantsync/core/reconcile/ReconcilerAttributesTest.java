package io.tenantsync.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.mapping.MappedTarget;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TrustDecision;
import io.tenantsync.core.reconcile.SourceState.Scope;
import io.tenantsync.core.reconcile.TargetState.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What creates send and what updates compare: §1.2 apply modes, default-if-null, names and values. */
class ReconcilerAttributesTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final SourceState IN_SCOPE = new SourceState.Live(Attributes.empty(), true, Scope.in("assigned"));

    static Decision decide(Attributes target, MappedTarget desired, ReconcileOptions options) {
        return Reconciler.decide(IN_SCOPE, Link.to("t-1"), new TargetState.Present("t-1", Origin.EXTERNAL, target),
                desired, TrustDecision.allow(), options, NOW);
    }

    static Decision decide(Attributes target, Attributes always) {
        return decide(target, new MappedTarget(always, Attributes.empty()), ReconcileOptions.defaults());
    }

    record Comparison(String behaviour, Attributes target, Attributes always, List<AttributeChange> changes) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Comparison> comparisons() {
        return Stream.of(
                new Comparison("attributeNamesCompareCaseInsensitively",
                        Attributes.of("displayName", "Ada"), Attributes.of("DISPLAYNAME", "Ada"), List.of()),
                new Comparison("attributeValuesCompareCaseSensitively",
                        Attributes.of("displayName", "Ada"), Attributes.of("displayName", "ada"),
                        List.of(new AttributeChange("displayName", "Ada", "ada"))),
                new Comparison("multiValuedAttributesCompareAsOrderedLists",
                        Attributes.of("otherMails", List.of("a@x", "b@x")),
                        Attributes.of("otherMails", List.of("b@x", "a@x")),
                        List.of(new AttributeChange("otherMails", List.of("a@x", "b@x"), List.of("b@x", "a@x")))),
                new Comparison("equalMultiValuedAttributesMatch",
                        Attributes.of("otherMails", List.of("a@x", "b@x")),
                        Attributes.of("otherMails", List.of("a@x", "b@x")), List.of()),
                new Comparison("aSingleValueMatchesAOneElementList",
                        Attributes.of("otherMails", "a@x"), Attributes.of("otherMails", List.of("a@x")), List.of()),
                new Comparison("constantStringTrueMatchesGraphsBooleanTrue",
                        Attributes.of("showInAddressList", true), Attributes.of("showInAddressList", "true"),
                        List.of()),
                new Comparison("stringFalseDiffersFromBooleanTrue",
                        Attributes.of("showInAddressList", true), Attributes.of("showInAddressList", "false"),
                        List.of(new AttributeChange("showInAddressList", true, "false"))),
                new Comparison("onlyChangedAttributesAreUpdatedInNameOrder",
                        Attributes.of("displayName", "Ada", "department", "Sales", "city", "Paris"),
                        Attributes.of("department", "Ops", "displayName", "Ada", "city", "Lyon"),
                        List.of(new AttributeChange("city", "Paris", "Lyon"),
                                new AttributeChange("department", "Sales", "Ops"))),
                new Comparison("anAttributeTheTargetLacksIsAdded",
                        Attributes.of("displayName", "Ada"), Attributes.of("displayName", "Ada", "city", "Lyon"),
                        List.of(new AttributeChange("city", null, "Lyon"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparisons")
    void updatesCarryOnlyTheChangedAttributes(Comparison comparison) {
        Decision decision = decide(comparison.target(), comparison.always());

        if (comparison.changes().isEmpty()) {
            assertThat(decision.action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
        } else {
            assertThat(decision.action()).isEqualTo(new Action.Update(comparison.changes()));
        }
    }

    @Test
    void createSendsTheAlwaysAttributesOverTheCreateOnlyOnes() {
        MappedTarget desired = new MappedTarget(Attributes.of("displayName", "Ada", "IsSoftDeleted", false),
                Attributes.of("userType", "Member", "DisplayName", "default", "department", "Unknown"));

        Decision decision = Reconciler.decide(IN_SCOPE, Link.none(), TargetState.absent(), desired,
                TrustDecision.allow(), ReconcileOptions.defaults(), NOW);

        assertThat(decision.action()).isEqualTo(new Action.Create(
                Attributes.of("displayName", "Ada", "userType", "Member", "department", "Unknown")));
    }

    @Test
    void createOnlyAttributesAreNeverComparedOnUpdate() {
        MappedTarget desired = new MappedTarget(Attributes.of("displayName", "Ada"),
                Attributes.of("userType", "Member", "department", "Unknown"));

        Decision decision = decide(Attributes.of("displayName", "Ada", "userType", "Guest", "department", "Sales"),
                desired, ReconcileOptions.defaults().withAlwaysMappedAttributes(Set.of("displayName")));

        assertThat(decision.action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
    }

    @Test
    void alwaysMappedAttributeThatMapsToNullIsClearedInTheTarget() {
        ReconcileOptions options = ReconcileOptions.defaults().withAlwaysMappedAttributes(Set.of("Department"));

        Decision decision = decide(Attributes.of("displayName", "Ada", "department", "Sales"),
                new MappedTarget(Attributes.of("displayName", "Ada"), Attributes.empty()), options);

        assertThat(decision.action()).isEqualTo(
                new Action.Update(List.of(new AttributeChange("Department", "Sales", null))));
        assertThat(decision.reason()).contains("Department (cleared)");
    }

    @Test
    void targetAttributesWithoutAnAlwaysMappingAreNeverCleared() {
        Decision decision = decide(Attributes.of("displayName", "Ada", "jobTitle", "Engineer"),
                Attributes.of("displayName", "Ada"));

        assertThat(decision.action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
    }

    @Test
    void defaultIfNullValueStaysAfterCreateRatherThanBeingClearedOnUpdate() {
        ReconcileOptions options = ReconcileOptions.defaults().withAlwaysMappedAttributes(Set.of("department"));
        MappedTarget desired = new MappedTarget(Attributes.of("displayName", "Ada"),
                Attributes.of("department", "Unknown"));

        Decision decision = decide(Attributes.of("displayName", "Ada", "department", "Unknown"), desired, options);

        assertThat(decision.action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
    }

    @Test
    void isSoftDeletedMappingIsNeverWrittenToTheTarget() {
        Decision decision = decide(Attributes.of("displayName", "Ada"),
                Attributes.of("displayName", "Ada", "IsSoftDeleted", false));

        assertThat(decision.action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
    }

    @Test
    void disabledSourceDisablesTheTargetEvenWhenAccountEnabledIsNotMapped() {
        SourceState disabled = new SourceState.Live(Attributes.empty(), false, Scope.in("assigned"));

        Decision decision = Reconciler.decide(disabled, Link.to("t-1"),
                new TargetState.Present("t-1", Origin.EXTERNAL, Attributes.of("displayName", "Ada")),
                new MappedTarget(Attributes.of("displayName", "Ada"), Attributes.empty()), TrustDecision.allow(),
                ReconcileOptions.defaults(), NOW);

        assertThat(decision.action()).isEqualTo(new Action.Disable());
    }

    @Test
    void restoredUserIsThenUpdatedToMatchTheSourceAndThenInSync() {
        MappedTarget desired = new MappedTarget(Attributes.of("displayName", "Ada Lovelace", "department", "R&D"),
                Attributes.of("userType", "Member"));
        TargetState target = new TargetState.SoftDeleted("t-1", Origin.EXTERNAL,
                Attributes.of("displayName", "Ada Lovelace", "department", "Sales"), NOW.minus(Duration.ofDays(3)));
        Link link = new Link.Linked("t-1", true);

        Decision restore = Reconciler.decide(IN_SCOPE, link, target, desired, TrustDecision.allow(),
                ReconcileOptions.defaults(), NOW);
        TargetState restored = SimulatedTarget.applied(target, restore.action(), NOW);
        Decision update = Reconciler.decide(IN_SCOPE, link, restored, desired, TrustDecision.allow(),
                ReconcileOptions.defaults(), NOW);
        TargetState updated = SimulatedTarget.applied(restored, update.action(), NOW);
        Decision settled = Reconciler.decide(IN_SCOPE, link, updated, desired, TrustDecision.allow(),
                ReconcileOptions.defaults(), NOW);

        assertThat(restore.action()).isEqualTo(new Action.Restore());
        assertThat(((TargetState.Present) restored).objectId()).isEqualTo("t-1");
        assertThat(update.action()).isEqualTo(
                new Action.Update(List.of(new AttributeChange("department", "Sales", "R&D"))));
        assertThat(settled.action()).isEqualTo(new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC));
    }
}
