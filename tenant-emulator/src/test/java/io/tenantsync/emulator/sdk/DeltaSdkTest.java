package io.tenantsync.emulator.sdk;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import com.microsoft.graph.models.odataerrors.ODataError;
import io.tenantsync.emulator.EmulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code users/delta} through the official SDK: paged initial rounds, then exactly the changes since a deltaLink. */
class DeltaSdkTest {
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

    /** A whole round: every page, following nextLinks verbatim, until the deltaLink. */
    record Round(List<User> items, int pages, String deltaLink) {
        Map<String, User> byId() {
            Map<String, User> m = new HashMap<>();
            items.forEach(u -> m.put(u.getId(), u));
            return m;
        }
    }

    static Round follow(DeltaGetResponse first) {
        List<User> items = new ArrayList<>(first.getValue());
        int pages = 1;
        DeltaGetResponse page = first;
        while (page.getOdataNextLink() != null) {
            assertThat(page.getOdataDeltaLink()).isNull();
            assertThat(page.getOdataNextLink()).contains("/users/delta?$skiptoken=");
            page = graph.users().delta().withUrl(page.getOdataNextLink()).get();
            items.addAll(page.getValue());
            pages++;
        }
        assertThat(page.getOdataDeltaLink()).contains("/users/delta?$deltatoken=");
        return new Round(items, pages, page.getOdataDeltaLink());
    }

    /** The SDK has no $deltatoken parameter; "sync from now" is asked for by URL, as documented. */
    static DeltaGetResponse latest() {
        return graph.users().delta().withUrl(f.graphRoot() + "/users/delta()?$deltatoken=latest").get();
    }

    static String removedReason(User u) {
        Object removed = u.getAdditionalData().get("@removed");
        if (removed == null) return null;
        return ((UntypedString) ((UntypedObject) removed).getValue().get("reason")).getValue();
    }

    @Test
    void initialRoundPagesOverAllUsersThenNextRoundHasExactlyTheChanges() {
        List<String> seeded = f.server.components().seeder().seedUsers(f.config.tenant("contoso").orElseThrow(), "delta", 0, 150);

        Round initial = follow(graph.users().delta().get(rc -> rc.queryParameters.select = new String[]{"displayName", "department"}));
        assertThat(initial.pages()).isGreaterThanOrEqualTo(2);
        assertThat(initial.items()).extracting(User::getId).doesNotHaveDuplicates().containsAll(seeded);
        User sample = initial.byId().get(seeded.get(0));
        assertThat(sample.getDisplayName()).isNotBlank();
        assertThat(sample.getDepartment()).isNotBlank();
        assertThat(sample.getUserPrincipalName()).as("not selected, so not tracked").isNull();

        User created = graph.users().post(UsersSdkTest.newUser("deltanew"));
        User patch = new User();
        patch.setDepartment("Delta Ops");
        graph.users().byUserId(seeded.get(1)).patch(patch);
        graph.users().byUserId(seeded.get(2)).delete();

        Round changes = follow(graph.users().delta().withUrl(initial.deltaLink()).get());
        Map<String, User> byId = changes.byId();
        assertThat(byId.keySet()).containsExactlyInAnyOrder(created.getId(), seeded.get(1), seeded.get(2));
        assertThat(removedReason(byId.get(created.getId()))).isNull();
        assertThat(byId.get(created.getId()).getDisplayName()).isEqualTo("User deltanew");
        assertThat(byId.get(seeded.get(1)).getDepartment()).isEqualTo("Delta Ops");
        assertThat(byId.get(seeded.get(1)).getDisplayName()).as("unchanged tracked properties come along").isNotBlank();
        assertThat(removedReason(byId.get(seeded.get(2)))).isEqualTo("changed");

        Round quiet = follow(graph.users().delta().withUrl(changes.deltaLink()).get());
        assertThat(quiet.items()).isEmpty();
    }

    @Test
    void severalChangesToOneUserCollapseToItsLatestState() {
        User u = graph.users().post(UsersSdkTest.newUser("collapse"));
        String link = follow(latest()).deltaLink();
        for (String dept : List.of("One", "Two", "Three")) {
            User p = new User();
            p.setDepartment(dept);
            graph.users().byUserId(u.getId()).patch(p);
        }
        Round r = follow(graph.users().delta().withUrl(link).get(rc -> { }));
        assertThat(r.items()).hasSize(1);
        assertThat(r.items().get(0).getId()).isEqualTo(u.getId());
    }

    @Test
    void deltatokenLatestReturnsOnlyADeltaLinkAndLaterChangesFollowIt() {
        DeltaGetResponse latest = latest();
        assertThat(latest.getValue()).isEmpty();
        assertThat(latest.getOdataNextLink()).isNull();
        assertThat(latest.getOdataDeltaLink()).contains("$deltatoken=");

        User u = graph.users().post(UsersSdkTest.newUser("afterlatest"));
        Round r = follow(graph.users().delta().withUrl(latest.getOdataDeltaLink()).get());
        assertThat(r.items()).extracting(User::getId).containsExactly(u.getId());
        assertThat(r.items().get(0).getUserPrincipalName()).as("default property set").isEqualTo("afterlatest@contoso.onmicrosoft.com");
    }

    @Test
    void garbageDeltaTokenIsA400ExpiredPageToken() {
        String root = f.graphRoot();
        for (String bad : List.of(root + "/users/delta?$deltatoken=not-a-token", root + "/users/delta?$skiptoken=AAAA.0",
                root + "/users/delta?$deltatoken=eyJ2IjoxfQ.123")) {
            assertThatThrownBy(() -> graph.users().delta().withUrl(bad).get())
                    .isInstanceOfSatisfying(ODataError.class, e -> {
                        assertThat(e.getResponseStatusCode()).isEqualTo(400);
                        assertThat(e.getError().getCode()).isEqualTo("Directory_ExpiredPageToken");
                    });
        }
    }

    @Test
    void anotherTenantsDeltaLinkIsRefused() {
        String contosoLink = latest().getOdataDeltaLink();
        GraphServiceClient fabrikam = SdkClients.fabrikam(f);
        assertThatThrownBy(() -> fabrikam.users().delta().withUrl(contosoLink).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }
}
