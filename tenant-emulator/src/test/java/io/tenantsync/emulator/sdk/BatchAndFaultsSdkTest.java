package io.tenantsync.emulator.sdk;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.control.ControlClient;
import io.tenantsync.emulator.graph.RequestJournal;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official SDK against $batch, injected faults and throttling: retries, inner statuses, lost responses. */
class BatchAndFaultsSdkTest {
    static EmulatorFixture f;
    static GraphServiceClient graph;
    static ControlClient controls;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        graph = SdkClients.contoso(f);
        controls = new ControlClient(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @AfterEach
    void clearFaults() {
        controls.send("DELETE", "faults", null);
        controls.send("PUT", "throttle", "{\"profile\":\"off\"}");
    }

    static long lastSeq() {
        List<RequestJournal.Entry> all = f.server.components().journal().since(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    static List<Integer> statusesSince(long seq, String path) {
        return f.server.components().journal().since(seq).stream().filter(e -> e.path().equals(path)).map(RequestJournal.Entry::status).toList();
    }

    @Test
    void twoInjected429sWithRetryAfterOneSecondAreRiddenOutByTheSdkRetryHandler() {
        User u = graph.users().post(UsersSdkTest.newUser("retry1"));
        controls.addFault("{\"match\":{\"tenant\":\"contoso\",\"method\":\"GET\",\"pathPattern\":\"/v1.0/users/" + u.getId() + "\"},"
                + "\"action\":{\"status\":429,\"retryAfterSeconds\":1,\"count\":2}}");
        long seq = lastSeq();
        long start = System.nanoTime();
        User got = graph.users().byUserId(u.getId()).get();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(got.getId()).isEqualTo(u.getId());
        assertThat(elapsedMs).isGreaterThanOrEqualTo(1_900);
        assertThat(statusesSince(seq, "/v1.0/users/" + u.getId())).containsExactly(429, 429, 200);
    }

    @Test
    void batchRunsAGetAndAPostAndAnswers424ForARequestWhoseDependencyFailed() throws Exception {
        User existing = graph.users().post(UsersSdkTest.newUser("batchget"));
        BatchRequestContent batch = new BatchRequestContent(graph);
        String getId = batch.addBatchRequestStep(graph.users().byUserId(existing.getId()).toGetRequestInformation());
        String postId = batch.addBatchRequestStep(graph.users().toPostRequestInformation(UsersSdkTest.newUser("batchpost")));
        String missingId = batch.addBatchRequestStep(graph.users().byUserId(UUID.randomUUID().toString()).toGetRequestInformation());
        User patch = new User();
        patch.setJobTitle("Should never be written");
        String dependentId = batch.addBatchRequestStep(graph.users().byUserId(existing.getId()).toPatchRequestInformation(patch));
        batch.getBatchRequestSteps().get(dependentId).addDependsOnId(missingId);

        long seq = lastSeq();
        BatchResponseContent res = graph.getBatchRequestBuilder().post(batch, null);

        Map<String, Integer> statuses = res.getResponsesStatusCode();
        assertThat(statuses).containsEntry(getId, 200).containsEntry(postId, 201).containsEntry(missingId, 404).containsEntry(dependentId, 424);
        User got = res.getResponseById(getId, User::createFromDiscriminatorValue);
        assertThat(got.getId()).isEqualTo(existing.getId());
        User created = res.getResponseById(postId, User::createFromDiscriminatorValue);
        assertThat(created.getUserPrincipalName()).isEqualTo("batchpost@contoso.onmicrosoft.com");
        assertThat(graph.users().byUserId(created.getId()).get().getId()).isEqualTo(created.getId());
        assertThat(graph.users().byUserId(existing.getId()).get(rc -> rc.queryParameters.select = new String[]{"jobTitle"}).getJobTitle()).isNull();
        try (Response dependent = res.getResponseById(dependentId)) {
            assertThat(dependent.code()).isEqualTo(424);
            assertThat(dependent.body().string()).contains("\"code\":\"FailedDependency\"");
        }
        // inner requests are journaled one by one; the request that did not run is not
        assertThat(statusesSince(seq, "/v1.0/$batch")).containsExactly(200);
        assertThat(statusesSince(seq, "$batch>/v1.0/users")).containsExactly(201);
        assertThat(statusesSince(seq, "$batch>/v1.0/users/" + existing.getId())).containsExactly(200);
    }

    @Test
    void anInner429CarriesRetryAfterInItsOwnHeaders() throws Exception {
        User u = graph.users().post(UsersSdkTest.newUser("inner429"));
        controls.addFault("{\"match\":{\"method\":\"GET\",\"pathPattern\":\"/v1.0/users/" + u.getId() + "\"},"
                + "\"action\":{\"status\":429,\"retryAfterSeconds\":7,\"count\":1}}");
        BatchRequestContent batch = new BatchRequestContent(graph);
        String throttledId = batch.addBatchRequestStep(graph.users().byUserId(u.getId()).toGetRequestInformation());
        String okId = batch.addBatchRequestStep(graph.users().toGetRequestInformation(rc -> rc.queryParameters.top = 1));
        BatchResponseContent res = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(res.getResponsesStatusCode()).containsEntry(throttledId, 429).containsEntry(okId, 200);
        try (Response throttled = res.getResponseById(throttledId)) {
            assertThat(throttled.header("Retry-After")).isEqualTo("7");
            assertThat(throttled.body().string()).contains("\"code\":\"TooManyRequests\"");
        }
        // the SDK's recipe for retrying only the throttled requests
        BatchRequestContent retry = batch.createNewBatchFromFailedRequests(res.getResponsesStatusCode());
        assertThat(retry.getBatchRequestSteps()).hasSize(1);
        assertThat(retry.getBatchRequestSteps().values().iterator().next().getRequest().url().encodedPath()).endsWith("/users/" + u.getId());
        BatchResponseContent second = graph.getBatchRequestBuilder().post(retry, null);
        assertThat(second.getResponsesStatusCode().values()).containsExactly(200);
    }

    @Test
    void innerRequestsAreThrottledIndividuallyUnderACustomProfile() throws Exception {
        controls.send("PUT", "throttle", "{\"profile\":\"custom\",\"requestsPerSecond\":0.2,\"burst\":3}");
        BatchRequestContent batch = new BatchRequestContent(graph);
        for (int i = 0; i < 5; i++) batch.addBatchRequestStep(graph.users().toGetRequestInformation(rc -> rc.queryParameters.top = 1));
        BatchResponseContent res = graph.getBatchRequestBuilder().post(batch, null);
        assertThat(res.getResponsesStatusCode().values()).containsExactlyInAnyOrder(200, 200, 200, 429, 429);
        for (var e : res.getResponsesStatusCode().entrySet()) {
            if (e.getValue() != 429) continue;
            try (Response r = res.getResponseById(e.getKey())) {
                assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 5);
                assertThat(r.header("x-ms-throttle-scope")).startsWith("Tenant_Application/ReadWrite/contoso-admin/");
            }
        }
    }

    @Test
    void aDroppedResponseStillCommittedTheUser() {
        controls.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/users\"},\"action\":{\"dropResponse\":true,\"count\":1}}");
        assertThatThrownBy(() -> graph.users().post(UsersSdkTest.newUser("dropped"),
                rc -> rc.options.add(new RetryHandlerOption(null, 0, 0))))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(504);
                    assertThat(e.getError().getCode()).isEqualTo("GatewayTimeout");
                });
        UserCollectionResponse found = graph.users().get(rc -> rc.queryParameters.filter = "userPrincipalName eq 'dropped@contoso.onmicrosoft.com'");
        assertThat(found.getValue()).hasSize(1);
        // retrying the create blindly now fails as a duplicate, which is what a client must be ready for
        assertThatThrownBy(() -> graph.users().post(UsersSdkTest.newUser("dropped")))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }
}
