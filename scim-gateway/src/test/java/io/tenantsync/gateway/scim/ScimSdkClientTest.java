package io.tenantsync.gateway.scim;

import de.captaingoldfish.scim.sdk.client.ScimClientConfig;
import de.captaingoldfish.scim.sdk.client.ScimRequestBuilder;
import de.captaingoldfish.scim.sdk.client.response.ServerResponse;
import de.captaingoldfish.scim.sdk.common.constants.enums.Comparator;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.constants.enums.PatchOp;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.Name;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Email;
import de.captaingoldfish.scim.sdk.common.response.BulkResponse;
import de.captaingoldfish.scim.sdk.common.response.BulkResponseOperation;
import de.captaingoldfish.scim.sdk.common.response.ListResponse;
import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SCIM-SDK client (de.captaingoldfish, 1.30.0), unchanged, against the running gateway. */
class ScimSdkClientTest {
    static GatewayFixture gw;
    static ScimRequestBuilder scim;

    @BeforeAll
    static void start() {
        gw = GatewayFixture.start();
        String base = gw.baseUrl().replaceAll("/$", "");
        scim = new ScimRequestBuilder(base, ScimClientConfig.builder()
                .httpHeaders(Map.of("Authorization", "Bearer " + gw.secretA)).build());
    }

    @AfterAll
    static void stop() {
        scim.close();
        gw.close();
    }

    private static User user(String userName) {
        return User.builder().userName(userName).active(true)
                .name(Name.builder().givenName("Cap").familyName("Fish").build())
                .emails(List.of(Email.builder().type("work").value(userName).primary(true).build()))
                .build();
    }

    @Test
    void createGetFilterReplacePatchAndDeleteAUser() {
        ServerResponse<User> created = scim.create(User.class, "/Users").setResource(user("goldfish@contoso.com")).sendRequest();
        assertThat(created.getHttpStatus()).isEqualTo(201);
        assertThat(created.isSuccess()).isTrue();
        String id = created.getResource().getId().orElseThrow();
        assertThat(created.getResource().getMeta().orElseThrow().getLocation()).contains(gw.baseUrl() + "/Users/" + id);

        ServerResponse<User> fetched = scim.get(User.class, "/Users", id).sendRequest();
        assertThat(fetched.getHttpStatus()).isEqualTo(200);
        assertThat(fetched.getResource().getUserName()).contains("goldfish@contoso.com");
        assertThat(fetched.getHttpHeaders()).containsKey("ETag");

        ServerResponse<ListResponse<User>> found = scim.list(User.class, "/Users")
                .filter("userName", Comparator.EQ, "GOLDFISH@contoso.com").and("emails.type", Comparator.EQ, "work").build()
                .get().sendRequest();
        assertThat(found.getHttpStatus()).isEqualTo(200);
        assertThat(found.getResource().getTotalResults()).isEqualTo(1);
        assertThat(found.getResource().getListedResources()).singleElement()
                .satisfies(u -> assertThat(u.getId()).contains(id));

        User replacement = user("goldfish@contoso.com");
        replacement.setTitle("Angler");
        ServerResponse<User> replaced = scim.update(User.class, "/Users", id).setResource(replacement).sendRequest();
        assertThat(replaced.getHttpStatus()).isEqualTo(200);
        assertThat(replaced.getResource().getTitle()).contains("Angler");

        ServerResponse<User> patched = scim.patch(User.class, "/Users", id)
                .addOperation().op(PatchOp.REPLACE).path("active").value("false")
                .next().op(PatchOp.ADD).path("displayName").value("Goldie Fish").build()
                .sendRequest();
        assertThat(patched.getHttpStatus()).isEqualTo(200);
        assertThat(patched.getResource().isActive()).contains(false);
        assertThat(patched.getResource().getDisplayName()).contains("Goldie Fish");

        ServerResponse<User> deleted = scim.delete(User.class, "/Users", id).sendRequest();
        assertThat(deleted.getHttpStatus()).isEqualTo(204);
        ServerResponse<User> gone = scim.get(User.class, "/Users", id).sendRequest();
        assertThat(gone.getHttpStatus()).isEqualTo(404);
        assertThat(gone.getErrorResponse()).isNotNull();
    }

    @Test
    void bulkCreatesAUserAndAGroupReferencingItByBulkId() {
        Group group = Group.builder().displayName("Fishers").build();
        group.set("members", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                .add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("value", "bulkId:u1")));
        ServerResponse<BulkResponse> response = scim.bulk()
                .bulkRequestOperation("/Users").method(HttpMethod.POST).bulkId("u1").data(user("bulk.fish@contoso.com"))
                .next()
                .bulkRequestOperation("/Groups").method(HttpMethod.POST).bulkId("g1").data(group)
                .sendRequest();
        assertThat(response.getHttpStatus()).isEqualTo(200);
        List<BulkResponseOperation> operations = response.getResource().getBulkResponseOperations();
        assertThat(operations).hasSize(2).allSatisfy(op -> assertThat(op.getStatus()).isEqualTo(201));
        // RFC 7644 §3.7.3: a bulk response names the created resource by its location
        String userId = idIn(response.getResource().getByBulkId("u1").orElseThrow().getLocation().orElseThrow());
        String groupId = idIn(response.getResource().getByBulkId("g1").orElseThrow().getLocation().orElseThrow());
        assertThat(scim.get(User.class, "/Users", userId).sendRequest().getResource().getUserName()).contains("bulk.fish@contoso.com");

        ServerResponse<Group> stored = scim.get(Group.class, "/Groups", groupId).sendRequest();
        assertThat(stored.getResource().getMembers()).singleElement()
                .satisfies(m -> assertThat(m.getValue()).contains(userId));
    }

    private static String idIn(String location) {
        assertThat(location).startsWith(gw.baseUrl() + "/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void serviceProviderConfigurationParsesAndAdvertisesBulkAndPatch() {
        ServiceProvider config = scim.loadServiceProviderConfiguration();
        assertThat(config.getPatchConfig().isSupported()).isTrue();
        assertThat(config.getBulkConfig().isSupported()).isTrue();
        assertThat(config.getFilterConfig().getMaxResults()).isEqualTo(200);
    }
}
