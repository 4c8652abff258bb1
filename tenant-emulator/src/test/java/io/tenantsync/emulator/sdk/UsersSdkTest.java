package io.tenantsync.emulator.sdk;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.graph.RequestJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Graph SDK and azure-identity, unchanged but for base URLs and trust, manage users in the emulator. */
class UsersSdkTest {
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

    static User newUser(String alias) {
        return SdkClients.newMember(alias);
    }

    @Test
    void createGetPatchDeleteRoundTripsThroughTheSdk() {
        User created = graph.users().post(newUser("adele"));
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getUserPrincipalName()).isEqualTo("adele@contoso.onmicrosoft.com");
        assertThat(created.getPasswordProfile()).isNull();

        User byUpn = graph.users().byUserId("ADELE@contoso.onmicrosoft.com").get();
        assertThat(byUpn.getId()).isEqualTo(created.getId());

        User patch = new User();
        patch.setDepartment("Sales");
        patch.setJobTitle("Lead");
        graph.users().byUserId(created.getId()).patch(patch);
        User read = graph.users().byUserId(created.getId()).get(rc -> rc.queryParameters.select = new String[]{"department", "jobTitle", "accountEnabled"});
        assertThat(read.getDepartment()).isEqualTo("Sales");
        assertThat(read.getJobTitle()).isEqualTo("Lead");
        assertThat(read.getAccountEnabled()).isTrue();

        graph.users().byUserId(created.getId()).delete();
        assertThatThrownBy(() -> graph.users().byUserId(created.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("Request_ResourceNotFound");
                    assertThat(e.getError().getInnerError().getRequestId()).isNotBlank();
                });
    }

    @Test
    void filterOnMailIsCaseInsensitiveAndSelectLimitsProperties() {
        User u = graph.users().post(newUser("megan"));
        UserCollectionResponse page = graph.users().get(rc -> {
            rc.queryParameters.filter = "mail eq 'MEGAN@contoso.com'";
            rc.queryParameters.select = new String[]{"id", "mail"};
        });
        assertThat(page.getValue()).extracting(User::getId).containsExactly(u.getId());
        assertThat(page.getValue().get(0).getDisplayName()).isNull();
    }

    @Test
    void pageIteratorWalksMoreThan250UsersAcrossPages() throws Exception {
        f.server.components().seeder().seedUsers(f.config.tenant("contoso").orElseThrow(), "paged", 0, 260);
        UserCollectionResponse first = graph.users().get(rc -> {
            rc.queryParameters.top = 100;
            rc.queryParameters.filter = "startsWith(userPrincipalName,'paged')";
        });
        List<String> seen = new ArrayList<>();
        new PageIterator.Builder<User, UserCollectionResponse>()
                .client(graph).collectionPage(first)
                .collectionPageFactory(UserCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(x -> seen.add(x.getId()))
                .build().iterate();
        assertThat(seen).hasSize(260).doesNotHaveDuplicates();
    }

    @Test
    void idInAnswersTheLiveUsersAmongTheIdsInIdOrderAndPagesThemWithTop() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(graph.users().post(newUser("keyed" + i)).getId());
        String deleted = graph.users().post(newUser("keyedgone")).getId();
        graph.users().byUserId(deleted).delete();
        String unknown = "00000000-0000-4000-8000-000000000001";
        String filter = "id in ('" + String.join("','", ids) + "','" + deleted + "','" + unknown + "')";

        UserCollectionResponse first = graph.users().get(rc -> {
            rc.queryParameters.filter = filter;
            rc.queryParameters.top = 2;
        });
        List<String> seen = new ArrayList<>(first.getValue().stream().map(User::getId).toList());
        UserCollectionResponse page = first;
        while (page.getOdataNextLink() != null) {
            page = graph.users().withUrl(page.getOdataNextLink()).get();
            page.getValue().forEach(u -> seen.add(u.getId()));
        }

        assertThat(first.getValue()).hasSize(2);
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void idInAppliesTheRestOfTheFilterAndIsCaseInsensitive() {
        User sales = newUser("keyedsales");
        sales.setDepartment("Sales");
        String salesId = graph.users().post(sales).getId();
        String otherId = graph.users().post(newUser("keyedother")).getId();

        UserCollectionResponse page = graph.users().get(rc -> rc.queryParameters.filter = "id in ('"
                + salesId.toUpperCase() + "','" + otherId + "') and department eq 'sales'");
        Integer counted = graph.users().count().get(rc -> {
            rc.headers.add("ConsistencyLevel", "eventual");
            rc.queryParameters.filter = "id in ('" + salesId + "','" + otherId + "')";
        });

        assertThat(page.getValue()).extracting(User::getId).containsExactly(salesId);
        assertThat(counted).isEqualTo(2);
    }

    @Test
    void idInAnswersNothingForTheIdsOfAnotherTenant() {
        GraphServiceClient fabrikam = SdkClients.fabrikam(f);
        User user = newUser("keyedtheirs");
        user.setUserPrincipalName("keyedtheirs@fabrikam.onmicrosoft.com");
        user.setMail("keyedtheirs@fabrikam.com");
        String theirs = fabrikam.users().post(user).getId();

        UserCollectionResponse page = graph.users().get(rc -> rc.queryParameters.filter = "id in ('" + theirs + "')");
        UserCollectionResponse single = graph.users().get(rc -> rc.queryParameters.filter = "id eq '" + theirs + "'");

        assertThat(page.getValue()).isEmpty();
        assertThat(single.getValue()).isEmpty();
        assertThat(fabrikam.users().get(rc -> rc.queryParameters.filter = "id in ('" + theirs + "')").getValue())
                .extracting(User::getId).containsExactly(theirs);
    }

    @Test
    void malformedFilterIsAnODataError400() {
        assertThatThrownBy(() -> graph.users().get(rc -> rc.queryParameters.filter = "mail eq 'x"))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> graph.users().get(rc -> rc.queryParameters.filter = "nosuchproperty eq 'x'"))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void duplicateUserPrincipalNameIsRefusedAndNothingIsWritten() {
        graph.users().post(newUser("dup"));
        assertThatThrownBy(() -> graph.users().post(newUser("dup")))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
                });
        var page = graph.users().get(rc -> rc.queryParameters.filter = "userPrincipalName eq 'dup@contoso.onmicrosoft.com'");
        assertThat(page.getValue()).hasSize(1);
    }

    @Test
    void countNeedsEventualConsistency() {
        graph.users().post(newUser("counted"));
        Integer n = graph.users().count().get(rc -> rc.headers.add("ConsistencyLevel", "eventual"));
        assertThat(n).isPositive();
        assertThatThrownBy(() -> graph.users().count().get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void oneTokenRequestServesManyGraphCalls() {
        GraphServiceClient fresh = SdkClients.fabrikam(f);
        long before = f.server.components().journal().since(0).stream().filter(e -> e.path().contains("/oauth2/v2.0/token")).count();
        for (int i = 0; i < 5; i++) fresh.users().get();
        long after = f.server.components().journal().since(0).stream().filter(e -> e.path().contains("/oauth2/v2.0/token")).count();
        assertThat(after - before).isEqualTo(1);
        List<RequestJournal.Entry> graphCalls = f.server.components().journal().since(0).stream()
                .filter(e -> e.path().equals("/v1.0/users") && EmulatorFixture.FABRIKAM.toString().equals(e.tenantId())).toList();
        assertThat(graphCalls).hasSizeGreaterThanOrEqualTo(5);
    }
}
