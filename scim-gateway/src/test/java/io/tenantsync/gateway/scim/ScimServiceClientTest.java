package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenantsync.gateway.GatewayFixture;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The UnboundID SCIM 2 client, unchanged, against the running gateway. */
class ScimServiceClientTest {
    static GatewayFixture gw;
    static Client client;
    static ScimService scim;

    @BeforeAll
    static void start() {
        gw = GatewayFixture.start();
        client = ClientBuilder.newClient(new ClientConfig().connectorProvider(new Apache5ConnectorProvider())
                .register(new JacksonJsonProvider(JsonUtils.createObjectMapper())));
        scim = new ScimService(client.target(gw.server.baseUri()).register(
                (jakarta.ws.rs.client.ClientRequestFilter) r -> r.getHeaders().putSingle("Authorization", "Bearer " + gw.secretA)));
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
    }

    @Test
    void createGetSearchReplaceModifyAndDeleteThroughScimService() throws Exception {
        UserResource user = new UserResource().setUserName("sdk@contoso.com").setActive(true)
                .setName(new Name().setGivenName("Sam").setFamilyName("Dk"))
                .setEmails(List.of(new Email().setType("work").setValue("sdk@contoso.com").setPrimary(true)));
        UserResource created = scim.create("Users", user);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getMeta().getLocation().toString()).isEqualTo(gw.baseUrl() + "/Users/" + created.getId());

        UserResource fetched = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(fetched.getUserName()).isEqualTo("sdk@contoso.com");

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.and(Filter.sw("userName", "SDK@"), Filter.eq("emails.type", "work")).toString())
                .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(created.getId());

        fetched.setTitle("Engineer");
        UserResource replaced = scim.replace(fetched);
        assertThat(replaced.getTitle()).isEqualTo("Engineer");

        UserResource modified = scim.modifyRequest(replaced).addOperation(PatchOperation.replace("active", false)).invoke();
        assertThat(modified.getActive()).isFalse();

        scim.delete(modified);
        assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void discoveryDocumentsAreReadableByTheStrictClient() throws Exception {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertThat(config.getFilter().getMaxResults()).isEqualTo(200);
        assertThat(config.getAuthenticationSchemes()).singleElement().satisfies(s -> assertThat(s.isPrimary()).isTrue());
        assertThat(scim.getSchemas().getTotalResults()).isEqualTo(4);
        assertThat(scim.getResourceTypes().getTotalResults()).isEqualTo(2);
    }
}
