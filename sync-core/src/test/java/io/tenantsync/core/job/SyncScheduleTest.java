package io.tenantsync.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.store.ConnectionId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    @Test
    void theDefaultIsEntrasFortyMinutes() {
        assertThat(SyncSchedule.entraDefault()).isEqualTo(SyncSchedule.every(Duration.ofMinutes(40)));
        assertThat(SyncJobSettings.of(ConnectionId.of("c"), AssignmentScope.allUsers()).schedule())
                .isEqualTo(SyncSchedule.entraDefault());
    }

    @Test
    void aScheduledCycleStartsAnIntervalAfterThePreviousStarted() {
        SyncSchedule every = SyncSchedule.every(Duration.ofSeconds(20));

        assertThat(every.waitAfter(Duration.ofSeconds(3), 0)).isEqualTo(Duration.ofSeconds(17));
        assertThat(every.waitAfter(Duration.ofSeconds(25), 0)).as("an overrun is followed at once").isZero();
    }

    @Test
    void aContinuousCycleStartsThePauseAfterThePreviousEnded() {
        SyncSchedule continuous = SyncSchedule.continuous(Duration.ofMillis(200));

        assertThat(continuous.waitAfter(Duration.ofSeconds(3), 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(SyncSchedule.continuous(Duration.ZERO).waitAfter(Duration.ofSeconds(1), 0)).isZero();
    }

    @Test
    void failedCyclesBackOffDoublingUpToFiveMinutesAndACompletedOneResets() {
        SyncSchedule continuous = SyncSchedule.continuous(Duration.ofMillis(500));

        assertThat(continuous.waitAfter(Duration.ZERO, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(continuous.waitAfter(Duration.ZERO, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(continuous.waitAfter(Duration.ZERO, 30)).isEqualTo(SyncSchedule.MAX_BACK_OFF);
        assertThat(continuous.waitAfter(Duration.ZERO, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(SyncSchedule.every(Duration.ofMinutes(40)).waitAfter(Duration.ZERO, 3))
                .as("a failure never makes a scheduled job run sooner").isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void aScheduledIntervalIsAtLeastOneSecond() {
        assertThatThrownBy(() -> SyncSchedule.every(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSchedule.continuous(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
