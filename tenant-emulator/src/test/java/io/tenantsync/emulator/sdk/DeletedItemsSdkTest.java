package io.tenantsync.emulator.sdk;

import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.tls.LoopbackCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code directory/deletedItems} through the official SDK: list, read, restore, hard delete and the 30-day retention. */
class DeletedItemsSdkTest {
    static EmulatorFixture f;
    static GraphServiceClient graph;

    @BeforeAll
    static void start() {
        f = new EmulatorFixture();
        graph = SdkClients.contoso(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static User createAndDelete(String alias) {
        User u = graph.users().post(UsersSdkTest.newUser(alias));
        graph.users().byUserId(u.getId()).delete();
        return u;
    }

    static List<String> deletedUserIds() {
        return graph.directory().deletedItems().graphUser().get(rc -> rc.queryParameters.top = 999).getValue()
                .stream().map(User::getId).toList();
    }

    static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(404);
            assertThat(e.getError().getCode()).isEqualTo("Request_ResourceNotFound");
        });
    }

    @Test
    void deletedUserIsListedWithTombstoneUpnAndRestoreGivesTheOriginalUpnBack() {
        User u = createAndDelete("restoreme");

        List<User> deleted = graph.directory().deletedItems().graphUser()
                .get(rc -> rc.queryParameters.filter = "id eq '" + u.getId() + "'").getValue();
        assertThat(deleted).hasSize(1);
        assertThat(deleted.get(0).getDeletedDateTime()).isNotNull();
        assertThat(deleted.get(0).getUserPrincipalName()).isEqualTo(u.getId().replace("-", "") + "restoreme@contoso.onmicrosoft.com");
        assertNotFound(() -> graph.users().byUserId(u.getId()).get());

        DirectoryObject single = graph.directory().deletedItems().byDirectoryObjectId(u.getId()).get();
        assertThat(single).isInstanceOf(User.class);
        assertThat(single.getDeletedDateTime()).isBeforeOrEqualTo(OffsetDateTime.now().plusMinutes(1));

        DirectoryObject restored = graph.directory().deletedItems().byDirectoryObjectId(u.getId()).restore().post();
        assertThat(restored).isInstanceOfSatisfying(User.class,
                r -> assertThat(r.getUserPrincipalName()).isEqualTo("restoreme@contoso.onmicrosoft.com"));
        assertThat(graph.users().byUserId("restoreme@contoso.onmicrosoft.com").get().getId()).isEqualTo(u.getId());
        assertThat(deletedUserIds()).doesNotContain(u.getId());
        assertNotFound(() -> graph.directory().deletedItems().byDirectoryObjectId(u.getId()).get());
    }

    @Test
    void restoreIsRefusedWhileALiveUserHoldsTheOriginalUpn() {
        User first = createAndDelete("taken");
        User second = graph.users().post(UsersSdkTest.newUser("taken"));

        assertThatThrownBy(() -> graph.directory().deletedItems().byDirectoryObjectId(first.getId()).restore().post())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
                });
        assertThat(deletedUserIds()).contains(first.getId());
        assertThat(graph.users().byUserId("taken@contoso.onmicrosoft.com").get().getId()).isEqualTo(second.getId());
    }

    @Test
    void countOfDeletedUsersNeedsEventualConsistency() {
        createAndDelete("counted1");
        Integer n = graph.directory().deletedItems().graphUser().count().get(rc -> rc.headers.add("ConsistencyLevel", "eventual"));
        assertThat(n).isEqualTo(deletedUserIds().size()).isPositive();
        assertThatThrownBy(() -> graph.directory().deletedItems().graphUser().count().get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void permanentDeleteRemovesTheItemAndDeltaReportsItDeleted() {
        User u = graph.users().post(UsersSdkTest.newUser("gonenow"));
        String deltaLink = latestDeltaLink();
        graph.users().byUserId(u.getId()).delete();

        graph.directory().deletedItems().byDirectoryObjectId(u.getId()).delete();

        assertThat(deletedUserIds()).doesNotContain(u.getId());
        assertNotFound(() -> graph.directory().deletedItems().byDirectoryObjectId(u.getId()).get());
        assertNotFound(() -> graph.directory().deletedItems().byDirectoryObjectId(u.getId()).restore().post());
        assertThat(removedReasonIn(deltaLink, u.getId())).isEqualTo("deleted");
    }

    @Test
    void afterThirtyOneDaysADeletedUserIsPurgedAndDeltaReportsItDeleted() throws Exception {
        User u = graph.users().post(UsersSdkTest.newUser("expiring"));
        String deltaLink = latestDeltaLink();
        graph.users().byUserId(u.getId()).delete();
        assertThat(deletedUserIds()).contains(u.getId());

        HttpResponse<String> advanced = advanceClock("P31D");
        assertThat(advanced.statusCode()).isEqualTo(200);

        assertThat(deletedUserIds()).doesNotContain(u.getId());
        assertNotFound(() -> graph.directory().deletedItems().byDirectoryObjectId(u.getId()).get());
        assertThat(removedReasonIn(deltaLink, u.getId())).isEqualTo("deleted");
    }

    static String latestDeltaLink() {
        DeltaGetResponse r = graph.users().delta().withUrl(f.graphRoot() + "/users/delta?$deltatoken=latest").get();
        return r.getOdataDeltaLink();
    }

    /** The {@code @removed} reason a delta round from {@code link} reports for {@code id}, or null if it reports it live. */
    static String removedReasonIn(String link, String id) {
        DeltaGetResponse page = graph.users().delta().withUrl(link).get();
        List<User> items = new java.util.ArrayList<>(page.getValue());
        while (page.getOdataNextLink() != null) {
            page = graph.users().delta().withUrl(page.getOdataNextLink()).get();
            items.addAll(page.getValue());
        }
        User item = items.stream().filter(x -> x.getId().equals(id)).findFirst().orElseThrow();
        return DeltaSdkTest.removedReason(item);
    }

    static HttpResponse<String> advanceClock(String by) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[]{LoopbackCertificates.trustManagerFor(f.server.caCertificate())}, null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(f.authority() + "/_emulator/clock/advance"))
                .header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"" + by + "\"}"))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
