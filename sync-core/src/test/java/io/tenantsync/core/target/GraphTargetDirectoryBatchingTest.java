package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.emulator.graph.RequestJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent callers of one {@link GraphTargetDirectory} share {@code $batch} requests, and each still gets its own
 * outcome: a throttled or failed sub-request affects only its caller.
 */
class GraphTargetDirectoryBatchingTest {

    static EmulatedTenants tenants;
    static GraphServiceClient fabrikamGraph;

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        fabrikamGraph = TenantGraphClientFactory.create(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        tenants.close();
    }

    @AfterEach
    void clearFaults() {
        tenants.clearFaults();
    }

    private static GraphTargetDirectory directory() {
        return GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS);
    }

    private static Attributes mapped(String alias, String department) {
        return Attributes.of("displayName", "User " + alias, "userPrincipalName", alias + "@contoso.com",
                "mail", alias + "@contoso.com", "department", department, "accountEnabled", true);
    }

    /** Runs every task at once on its own thread and returns the results in order. */
    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentCreationsShareBatchesAndEachGetsItsOwnUserWithItsOwnAttributes() throws Exception {
        GraphTargetDirectory directory = directory();
        long mark = tenants.journalMark();
        List<Callable<String>> creations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String alias = "batched" + i;
            creations.add(() -> directory.createExternalUserId(alias + "@contoso.com", "Member",
                    mapped(alias, "Dept " + alias)));
        }

        List<String> ids = concurrently(creations);

        assertThat(ids).doesNotHaveDuplicates().hasSize(40);
        for (int i = 0; i < 40; i++) {
            User user = fabrikamGraph.users().byUserId(ids.get(i)).get(request ->
                    request.queryParameters.select = new String[] {"department", "otherMails"});
            assertThat(user.getDepartment()).isEqualTo("Dept batched" + i);
            assertThat(user.getOtherMails()).containsExactly("batched" + i + "@contoso.com");
        }
        List<RequestJournal.Entry> journal = tenants.server.components().journal().since(mark);
        long batches = journal.stream().filter(e -> e.path().equals("/v1.0/$batch")).count();
        long invitations = journal.stream().filter(e -> EmulatedTenants.graphPath(e).equals("/v1.0/invitations")).count();
        assertThat(invitations).isEqualTo(40);
        assertThat(batches).as("40 invitations and 40 updates in fewer round trips than requests").isPositive();
        assertThat(tenants.graphWritesSince(mark)).isEqualTo(80);
    }

    @Test
    void aLookupFindsTheUserAnInvitationMadeAndNothingForAnUnknownAddress() throws Exception {
        GraphTargetDirectory directory = directory();
        String id = directory.createExternalUserId("found1@contoso.com", "Member", mapped("found1", "Sales"));

        List<TargetState> found = concurrently(List.of(
                () -> directory.findExternalUser("found1@contoso.com").orElseThrow(),
                () -> directory.findExternalUser("nobody-here@contoso.com").orElse(TargetState.absent())));

        assertThat(found.get(0)).isInstanceOfSatisfying(TargetState.Present.class,
                present -> assertThat(present.objectId()).isEqualTo(id));
        assertThat(found.get(1)).isEqualTo(TargetState.absent());
    }

    @Test
    void aThrottledSubRequestIsResentAloneAfterItsRetryAfterWhileTheOthersComplete() throws Exception {
        GraphTargetDirectory directory = directory();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(directory.createExternalUserId("throttled" + i + "@contoso.com", "Member",
                    mapped("throttled" + i, "Before")));
        }
        String victim = ids.get(3);
        // only the PATCH of one user is throttled, once, inside whatever batch carries it
        tenants.addFault("{\"match\":{\"tenant\":\"fabrikam\",\"method\":\"PATCH\",\"pathPattern\":\"/v1.0/users/"
                + victim + "\"},\"action\":{\"status\":429,\"retryAfterSeconds\":1,\"count\":1}}");
        long mark = tenants.journalMark();

        List<Callable<Boolean>> updates = new ArrayList<>();
        for (String id : ids) {
            updates.add(() -> {
                directory.update(id, List.of(new io.tenantsync.core.reconcile.AttributeChange("department", "Before",
                        "After")));
                return true;
            });
        }
        concurrently(updates);

        for (String id : ids) {
            assertThat(fabrikamGraph.users().byUserId(id).get(request ->
                    request.queryParameters.select = new String[] {"department"}).getDepartment()).isEqualTo("After");
        }
        List<RequestJournal.Entry> patches = tenants.server.components().journal().since(mark).stream()
                .filter(e -> e.method().equals("PATCH")).toList();
        assertThat(patches.stream().filter(e -> EmulatedTenants.graphPath(e).endsWith(victim)))
                .extracting(RequestJournal.Entry::status).containsExactly(429, 204);
        assertThat(patches.stream().filter(e -> !EmulatedTenants.graphPath(e).endsWith(victim)))
                .as("the others were sent once each").hasSize(5)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(204));
    }

    @Test
    void aThrottledSubRequestHoldsTheConnectionsOtherRequestsUntilItsRetryAfterHasPassed() throws Exception {
        GraphTargetDirectory directory = directory();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(directory.createExternalUserId("paced" + i + "@contoso.com", "Member", mapped("paced" + i, "Before")));
        }
        tenants.addFault("{\"match\":{\"tenant\":\"fabrikam\",\"method\":\"PATCH\",\"pathPattern\":\"/v1.0/users/"
                + ids.get(0) + "\"},\"action\":{\"status\":429,\"retryAfterSeconds\":2,\"count\":1}}");
        long mark = tenants.journalMark();
        // two updates together, so that they share a batch and the 429 arrives as a sub-request's answer
        List<Callable<Long>> first = new ArrayList<>();
        for (String id : ids.subList(0, 2)) {
            first.add(() -> {
                directory.update(id, List.of(new io.tenantsync.core.reconcile.AttributeChange("department", "Before", "After")));
                return System.nanoTime();
            });
        }
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<List<Long>> throttled = background.submit(() -> concurrently(first));
        long throttledAt = awaitJournal(mark, 429);
        long start = System.nanoTime();
        directory.update(ids.get(3), List.of(new io.tenantsync.core.reconcile.AttributeChange("department", "Before", "After")));
        long waited = (System.nanoTime() - start) / 1_000_000;
        throttled.get(30, TimeUnit.SECONDS);
        background.shutdown();

        // sent after the 429 came back, it waited for the rest of the two seconds the target asked for
        assertThat(waited + (start - throttledAt) / 1_000_000).isGreaterThanOrEqualTo(1_500);
        for (String id : List.of(ids.get(0), ids.get(1), ids.get(3))) {
            assertThat(fabrikamGraph.users().byUserId(id).get(request ->
                    request.queryParameters.select = new String[] {"department"}).getDepartment()).isEqualTo("After");
        }
    }

    /** Waits until the journal holds a request answered {@code status} after {@code mark}; returns when it saw it. */
    private static long awaitJournal(long mark, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (tenants.server.components().journal().since(mark).stream().noneMatch(e -> e.status() == status)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + status + " in the journal");
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    @Test
    void aSubRequestThatKeepsFailingFailsOnlyItsOwnCaller() throws Exception {
        GraphTargetDirectory directory = directory();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(directory.createExternalUserId("failing" + i + "@contoso.com", "Member",
                    mapped("failing" + i, "Before")));
        }
        String victim = ids.get(1);
        tenants.addFault("{\"match\":{\"tenant\":\"fabrikam\",\"method\":\"PATCH\",\"pathPattern\":\"/v1.0/users/"
                + victim + "\"},\"action\":{\"status\":500}}");

        List<Callable<String>> updates = new ArrayList<>();
        for (String id : ids) {
            updates.add(() -> {
                try {
                    directory.update(id, List.of(new io.tenantsync.core.reconcile.AttributeChange("department",
                            "Before", "After")));
                    return "ok";
                } catch (TargetDirectoryException e) {
                    return e.kind() + " " + e.httpStatus();
                }
            });
        }
        List<String> outcomes = concurrently(updates);

        assertThat(outcomes).containsExactly("ok", "UNAVAILABLE 500", "ok", "ok");
    }

    @Test
    void aLostInvitationResponseIsFoundOnTheRetryAndNeverMakesASecondUser() throws Exception {
        GraphTargetDirectory directory = directory();
        String address = "lostreply@contoso.com";
        // the invitation runs and commits, but its answer inside the batch is lost (504 as if timed out)
        tenants.addFault("{\"match\":{\"tenant\":\"fabrikam\",\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},"
                + "\"action\":{\"dropResponse\":true,\"count\":4}}");
        List<Callable<String>> attempts = new ArrayList<>();
        attempts.add(() -> {
            try {
                return directory.createExternalUserId(address, "Member", mapped("lostreply", "Sales"));
            } catch (TargetDirectoryException e) {
                return "failed " + e.kind();
            }
        });
        for (int i = 0; i < 5; i++) {
            String alias = "neighbour" + i;
            attempts.add(() -> directory.createExternalUserId(alias + "@contoso.com", "Member", mapped(alias, "Sales")));
        }
        List<String> first = concurrently(attempts);
        tenants.clearFaults();

        // what a caller does next (the provisioner before any creation): look the address up
        TargetState found = directory.findExternalUser(address).orElseThrow();

        assertThat(found).isInstanceOf(TargetState.Present.class);
        long users = fabrikamGraph.users().get(request -> {
            request.queryParameters.filter = "otherMails/any(m:m eq '" + address + "')";
            request.queryParameters.select = new String[] {"id"};
        }).getValue().size();
        assertThat(users).isEqualTo(1);
        assertThat(first).allSatisfy(outcome -> assertThat(outcome).isNotNull());
    }

    @Test
    void aBatchThatFailsAsAWholeFailsEachOfItsCallers() throws Exception {
        GraphTargetDirectory directory = directory();
        tenants.addFault("{\"match\":{\"tenant\":\"fabrikam\",\"pathPattern\":\"/v1.0/**\"},"
                + "\"action\":{\"status\":500}}");
        List<Callable<String>> lookups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String address = "down" + i + "@contoso.com";
            lookups.add(() -> {
                try {
                    directory.findExternalUser(address);
                    return "found";
                } catch (TargetDirectoryException e) {
                    return e.kind().toString();
                }
            });
        }

        assertThat(concurrently(lookups)).containsOnly("UNAVAILABLE");
        assertThatThrownBy(() -> directory.get("00000000-0000-4000-8000-000000000000"))
                .isInstanceOf(TargetDirectoryException.class);
    }
}
