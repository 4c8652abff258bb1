package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.Action;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.ProvisioningAction;
import io.tenantsync.core.store.StagedDeletion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accidental-deletions threshold of entra-semantics §3.3, row by row. */
class DeletionThresholdTest {

    static PlannedChange change(String id, Action action) {
        return new PlannedChange(ObjectType.USER, id, "t-" + id, new Decision(action, "because " + id));
    }

    /** {@code deletes} soft deletes, {@code disables} disables, {@code hard} hard deletes and 3 updates/creates. */
    static List<PlannedChange> plan(int deletes, int disables, int hard) {
        List<PlannedChange> plan = new ArrayList<>();
        plan.add(change("create", new Action.Create(Attributes.of("displayName", "New"))));
        plan.add(change("update", new Action.Update(List.of(new AttributeChange("department", "A", "B")))));
        IntStream.range(0, deletes).forEach(i -> plan.add(change("soft" + i, new Action.SoftDelete())));
        IntStream.range(0, disables).forEach(i -> plan.add(change("disable" + i, new Action.Disable())));
        IntStream.range(0, hard).forEach(i -> plan.add(change("hard" + i, new Action.HardDelete())));
        plan.add(change("skip", new Action.Skip(Action.SkipCause.ALREADY_IN_SYNC)));
        return plan;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // behaviour                                         | limit | enabled | soft | disable | hard | approved | exceeded | held | proceed
            "under the threshold everything proceeds              | 10    | true    | 5    | 2       | 1    | false    | false    | 0    | 11",
            "exactly at the threshold everything proceeds         | 10    | true    | 6    | 3       | 1    | false    | false    | 0    | 13",
            "one over the threshold holds every deletion          | 10    | true    | 6    | 3       | 2    | false    | true     | 11   | 3",
            "disables alone count towards the threshold           | 10    | true    | 0    | 11      | 0    | false    | true     | 11   | 3",
            "hard deletes count towards the threshold             | 10    | true    | 0    | 0       | 11   | false    | true     | 11   | 3",
            "an approval releases the held deletions              | 10    | true    | 6    | 3       | 2    | true     | true     | 0    | 14",
            "a disabled threshold never holds                     | 10    | false   | 600  | 0       | 0    | false    | false    | 0    | 603",
            "the default of 500 lets 500 through                  | 500   | true    | 500  | 0       | 0    | false    | false    | 0    | 503",
            "the default of 500 holds 501                         | 500   | true    | 501  | 0       | 0    | false    | true     | 501  | 3",
    })
    void thresholdRows(String behaviour, int limit, boolean enabled, int soft, int disables, int hard,
                       boolean approved, boolean exceeded, int held, int proceed) {
        DeletionThreshold threshold = new DeletionThreshold(enabled, limit);

        DeletionThreshold.DeletionGate gate = threshold.apply(plan(soft, disables, hard), approved);

        assertThat(gate.exceeded()).as("exceeded").isEqualTo(exceeded);
        assertThat(gate.held()).as("held").hasSize(held);
        assertThat(gate.proceed()).as("proceed").hasSize(proceed);
        assertThat(gate.plannedDeletions()).isEqualTo(soft + disables + hard);
        assertThat(gate.approvalUsed()).isEqualTo(approved && exceeded);
        assertThat(gate.held()).allMatch(PlannedChange::deprovisions);
    }

    @Test
    void defaultThresholdIs500AndOn() {
        assertThat(DeletionThreshold.defaults()).isEqualTo(new DeletionThreshold(true, 500));
    }

    @Test
    void heldChangesProceedInPlanOrderWithoutTheDeletions() {
        DeletionThreshold.DeletionGate gate = DeletionThreshold.of(1).apply(plan(2, 0, 0), false);

        assertThat(gate.proceed()).extracting(PlannedChange::sourceId).containsExactly("create", "update", "skip");
        assertThat(gate.held()).extracting(PlannedChange::sourceId).containsExactly("soft0", "soft1");
        assertThat(gate.holding()).isTrue();
    }

    @Test
    void heldDeletionIsStagedWithItsLogActionAndReason() {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        ConnectionId connection = ConnectionId.of("c");

        StagedDeletion soft = change("u1", new Action.SoftDelete()).staged(connection, "cycle-3", now);
        StagedDeletion disable = change("u2", new Action.Disable()).staged(connection, "cycle-3", now);

        assertThat(soft).isEqualTo(new StagedDeletion(connection, ObjectType.USER, "u1", "t-u1",
                ProvisioningAction.DELETE, "cycle-3", now, "because u1"));
        assertThat(disable.action()).isEqualTo(ProvisioningAction.DISABLE);
        assertThatThrownBy(() -> change("u3", new Action.Restore()).staged(connection, "cycle-3", now))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thresholdBelowOneIsRefused() {
        assertThatThrownBy(() -> DeletionThreshold.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
