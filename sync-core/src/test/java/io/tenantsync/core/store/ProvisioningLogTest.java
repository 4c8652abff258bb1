package io.tenantsync.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provisioning-log storage: entries round trip with their details; queries filter, order newest first and page. */
class ProvisioningLogTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final ConnectionId CONTOSO = ConnectionId.of("contoso-to-fabrikam");
    static final ConnectionId LITWARE = ConnectionId.of("litware-to-fabrikam");

    final JdbcSyncStore store = JdbcSyncStore.inMemory(Clock.fixed(T0, ZoneOffset.UTC));
    final ProvisioningLog log = store.provisioningLog();

    static ProvisioningLogEntry entry(String id, ConnectionId connection, Instant at, String source, String target,
                                      ProvisioningAction action, ProvisioningStatus status) {
        return new ProvisioningLogEntry(id, connection, "cycle-1", "change-" + id, at, ObjectType.USER, action,
                status, new LoggedIdentity(source, "User " + source), new LoggedIdentity(target, null), List.of(),
                List.of(), null, "because", 12);
    }

    @BeforeEach
    void seed() {
        // one entry a minute: ids e0..e9, users alternate between s-a/t-a and s-b/t-b
        for (int i = 0; i < 10; i++) {
            boolean a = i % 2 == 0;
            ProvisioningAction action = i < 4 ? ProvisioningAction.CREATE : ProvisioningAction.UPDATE;
            ProvisioningStatus status = i == 7 ? ProvisioningStatus.FAILURE : ProvisioningStatus.SUCCESS;
            log.append(entry("e" + i, CONTOSO, T0.plus(Duration.ofMinutes(i)), a ? "s-a" : "s-b", a ? "t-a" : "t-b",
                    action, status));
        }
        log.append(entry("other", LITWARE, T0, "s-a", "t-a", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static List<String> ids(ProvisioningLogPage page) {
        return page.entries().stream().map(ProvisioningLogEntry::id).toList();
    }

    @Test
    void entryRoundTripsWithModifiedPropertiesAndSteps() {
        ProvisioningLogEntry entry = new ProvisioningLogEntry("full", CONTOSO, "cycle-2", "change-9",
                Instant.parse("2026-03-02T08:00:00.123456Z"), ObjectType.USER, ProvisioningAction.UPDATE,
                ProvisioningStatus.WARNING, new LoggedIdentity("s-1", "Ada"), new LoggedIdentity("t-1", "Ada (B2B)"),
                List.of(new ModifiedProperty("department", "Sales", "Research"),
                        new ModifiedProperty("jobTitle", null, "Engineer")),
                List.of(new ProvisioningStep(ProvisioningStepType.IMPORT, "EntryImport", ProvisioningStatus.SUCCESS,
                                "Retrieved Ada from Azure Active Directory"),
                        new ProvisioningStep(ProvisioningStepType.EXPORT, "EntryExportUpdate",
                                ProvisioningStatus.WARNING, "Updated with \"quotes\" and ünïcode")),
                "AzureActiveDirectoryCannotUpdateObjectsOriginatedInExternalService", "retried without mail", 340);
        log.append(entry);

        ProvisioningLogEntry read = log.get(CONTOSO, "full").orElseThrow();
        assertThat(read).isEqualTo(entry);
        assertThat(read.activityDateTime()).isEqualTo(Instant.parse("2026-03-02T08:00:00.123Z"));
        assertThat(log.get(LITWARE, "full")).isEmpty();
    }

    @Test
    void queryReturnsTheConnectionsEntriesNewestFirst() {
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO))))
                .containsExactly("e9", "e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1", "e0");
    }

    @Test
    void queryByUserMatchesTheSourceOrTheTargetId() {
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).user("s-a"))))
                .containsExactly("e8", "e6", "e4", "e2", "e0");
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).user("t-b"))))
                .containsExactly("e9", "e7", "e5", "e3", "e1");
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).user("nobody")))).isEmpty();
    }

    @Test
    void queryByActionAndStatus() {
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).action(ProvisioningAction.CREATE))))
                .containsExactly("e3", "e2", "e1", "e0");
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).status(ProvisioningStatus.FAILURE))))
                .containsExactly("e7");
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).action(ProvisioningAction.UPDATE)
                .status(ProvisioningStatus.SUCCESS).user("s-b")))).containsExactly("e9", "e5");
    }

    @Test
    void queryByTimeRangeIncludesTheStartAndExcludesTheEnd() {
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO)
                .between(T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(5))))))
                .containsExactly("e4", "e3", "e2");
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO).between(T0.plus(Duration.ofMinutes(8)), null))))
                .containsExactly("e9", "e8");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        ProvisioningLogQuery query = ProvisioningLogQuery.of(CONTOSO).pageSize(4);
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        ProvisioningLogPage page = log.query(query);
        while (true) {
            seen.addAll(ids(page));
            sizes.add(page.entries().size());
            if (page.next().isEmpty()) {
                break;
            }
            page = log.query(query.after(page.nextPageToken()));
        }
        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(seen).containsExactly("e9", "e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1", "e0");
    }

    @Test
    void entriesAtTheSameInstantPageByIdDescending() {
        for (String id : List.of("x1", "x3", "x2")) {
            log.append(entry(id, LITWARE, T0.plusSeconds(3600), "s", "t", ProvisioningAction.SKIP,
                    ProvisioningStatus.SKIPPED));
        }
        ProvisioningLogQuery query = ProvisioningLogQuery.of(LITWARE).action(ProvisioningAction.SKIP).pageSize(2);
        ProvisioningLogPage first = log.query(query);
        ProvisioningLogPage second = log.query(query.after(first.nextPageToken()));

        assertThat(ids(first)).containsExactly("x3", "x2");
        assertThat(ids(second)).containsExactly("x1");
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void aPageTokenOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> log.query(ProvisioningLogQuery.of(CONTOSO).after("not-a-token")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pruningDropsEntriesOlderThanTheRetentionOfEveryConnection() {
        Instant now = T0.plus(ProvisioningLog.DEFAULT_RETENTION).plus(Duration.ofMinutes(5));

        int pruned = log.pruneExpired(now, ProvisioningLog.DEFAULT_RETENTION);

        assertThat(pruned).isEqualTo(6);
        assertThat(ids(log.query(ProvisioningLogQuery.of(CONTOSO)))).containsExactly("e9", "e8", "e7", "e6", "e5");
        assertThat(ids(log.query(ProvisioningLogQuery.of(LITWARE)))).isEmpty();
    }
}
