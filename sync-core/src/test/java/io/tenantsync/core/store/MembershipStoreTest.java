package io.tenantsync.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.store.MembershipStore.MemberChange;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The assigned groups' membership as saved for a restarted job: under its assignment, in step with change rounds. */
class MembershipStoreTest {
    private static final ConnectionId CONNECTION = ConnectionId.of("contoso-to-fabrikam");
    private static final String ASSIGNMENT = "groups=g1,g2;users=";
    private JdbcSyncStore store;

    @BeforeEach
    void open() {
        store = JdbcSyncStore.inMemory(Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void nothingIsSavedUntilAnInitialRoundReplacesTheState() {
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).isEmpty();
        store.membership().replace(CONNECTION, ASSIGNMENT, Map.of("g1", Set.of("a", "b"), "g2", Set.of()));
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).contains(Map.of("g1", Set.of("a", "b"), "g2", Set.of()));
        assertThat(store.membership().get(ConnectionId.of("other"), ASSIGNMENT)).isEmpty();
    }

    @Test
    void aStateSavedUnderAnotherAssignmentIsNotThisOne() {
        store.membership().replace(CONNECTION, ASSIGNMENT, Map.of("g1", Set.of("a")));
        assertThat(store.membership().get(CONNECTION, "groups=g3;users=")).isEmpty();
        store.membership().replace(CONNECTION, "groups=g3;users=", Map.of("g3", Set.of("c")));
        assertThat(store.membership().get(CONNECTION, "groups=g3;users=")).contains(Map.of("g3", Set.of("c")));
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).isEmpty();
    }

    @Test
    void aChangeRoundAppliesInOrderAndTheLastChangeOfAPairWins() {
        store.membership().replace(CONNECTION, ASSIGNMENT, Map.of("g1", Set.of("a", "b"), "g2", Set.of("c")));
        store.membership().apply(CONNECTION, List.of(
                new MemberChange("g1", "x", true), new MemberChange("g1", "x", false),
                new MemberChange("g1", "a", false), new MemberChange("g1", "a", true),
                new MemberChange("g1", "b", false), new MemberChange("g9", "z", true)), List.of("g2"));
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).contains(Map.of("g1", Set.of("a"), "g9", Set.of("z")));
    }

    @Test
    void applyingTheSameRoundTwiceChangesNothingMore() {
        store.membership().replace(CONNECTION, ASSIGNMENT, Map.of("g1", Set.of("a")));
        List<MemberChange> round = List.of(new MemberChange("g1", "b", true), new MemberChange("g1", "a", false));
        store.membership().apply(CONNECTION, round, List.of());
        store.membership().apply(CONNECTION, round, List.of());
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).contains(Map.of("g1", Set.of("b")));
    }

    @Test
    void clearingTheWatermarksForgetsTheState() {
        store.membership().replace(CONNECTION, ASSIGNMENT, Map.of("g1", Set.of("a")));
        store.watermarks().put(CONNECTION, WatermarkStore.USERS_DELTA, "https://graph/delta?token=1");
        RestartOutcome outcome = store.restart(CONNECTION, Set.of(RestartScope.WATERMARK));
        assertThat(outcome.watermarksCleared()).as("the saved membership is not counted as a watermark").isEqualTo(1);
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).isEmpty();
    }

    @Test
    void aFailedUnitOfWorkLeavesTheSavedStateAsItWas() {
        store.membership().replace(CONNECTION, ASSIGNMENT, Map.of("g1", Set.of("a")));
        try {
            store.runInTransaction(tx -> {
                tx.membership().apply(CONNECTION, List.of(new MemberChange("g1", "b", true)), List.of());
                throw new IllegalStateException("the cycle failed");
            });
        } catch (IllegalStateException expected) {
            // the unit rolled back
        }
        assertThat(store.membership().get(CONNECTION, ASSIGNMENT)).contains(Map.of("g1", Set.of("a")));
    }
}
