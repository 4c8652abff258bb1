package io.tenantsync.emulator.directory.delta;

import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delta watermark never passes a change that is written but not yet committed. */
class ChangeLogTest {
    static final String TENANT = "11111111-1111-4111-8111-111111111111";
    final Database db = Database.inMemory();
    final DirectoryStore store = new DirectoryStore(GraphJson.mapper());
    final ChangeLog log = new ChangeLog(store);

    @AfterEach
    void close() {
        db.close();
    }

    long change() {
        return db.transaction(c -> store.appendChange(c, TENANT, "user", java.util.UUID.randomUUID().toString(), DirectoryStore.UPSERT, null));
    }

    long watermark(long from) {
        return db.transaction(c -> log.watermark(c, from));
    }

    @Test
    void watermarkStopsBeforeASequenceStillInFlightAndMovesOnWhenItCommits() throws Exception {
        long committed = change();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> inFlight = CompletableFuture.supplyAsync(() -> db.transaction(c -> {
            long seq = store.appendChange(c, TENANT, "user", "aaaaaaaa-0000-4000-8000-000000000000", DirectoryStore.UPSERT, null);
            written.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return seq;
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        long later = change();

        assertThat(watermark(0)).isEqualTo(committed);

        release.countDown();
        long held = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(held).isBetween(committed + 1, later - 1);
        assertThat(watermark(committed)).isEqualTo(later);
    }

    @Test
    void aRolledBackSequenceDoesNotHoldTheWatermarkBack() {
        change();
        assertThatThrownBy(() -> db.transaction(c -> {
            store.appendChange(c, TENANT, "user", "bbbbbbbb-0000-4000-8000-000000000000", DirectoryStore.UPSERT, null);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        long last = change();
        assertThat(watermark(0)).isEqualTo(last);
    }

    @Test
    void aWatermarkAheadOfTheLogIsAnExpiredToken() {
        long last = change();
        assertThatThrownBy(() -> watermark(last + 5)).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("Directory_ExpiredPageToken");
        });
    }
}
