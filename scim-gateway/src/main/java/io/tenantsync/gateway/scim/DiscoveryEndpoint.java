package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.types.AuthenticationScheme;
import com.unboundid.scim2.common.types.BulkConfig;
import com.unboundid.scim2.common.types.ChangePasswordConfig;
import com.unboundid.scim2.common.types.ETagConfig;
import com.unboundid.scim2.common.types.FilterConfig;
import com.unboundid.scim2.common.types.PatchConfig;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.SortConfig;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.tenantsync.gateway.store.ResourceType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Discovery (RFC 7644 §4): {@code /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas}, shaped
 * exactly as RFC 7643 §5–7 define them, every boolean explicit, advertising only what works. They are read-only:
 * any other method gets 405.
 */
@Singleton
@Path("")
public final class DiscoveryEndpoint {
    private final ObjectMapper sdkJson = JsonUtils.createObjectMapper();
    private final ScimSchemas schemas;
    private final ServiceLimits limits;

    @Inject
    public DiscoveryEndpoint(ScimSchemas schemas, ServiceLimits limits) {
        this.schemas = schemas;
        this.limits = limits;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        ServiceProviderConfigResource config = new ServiceProviderConfigResource(null, new PatchConfig(true),
                new BulkConfig(true, limits.bulkMaxOperations(), limits.maxPayloadBytes()),
                new FilterConfig(true, limits.maxResults()), new ChangePasswordConfig(false), new SortConfig(true), new ETagConfig(true),
                List.of(new AuthenticationScheme("OAuth Bearer Token", "A connection's bearer secret, or a JWT from its source tenant's authority",
                        URI.create("https://www.rfc-editor.org/rfc/rfc6750"), null, "oauthbearertoken", true)));
        ObjectNode body = sdkJson.valueToTree(config);
        meta(body, "ServiceProviderConfig", uri.getBaseUri() + "ServiceProviderConfig");
        return ResourceEndpoint.ok(200, body).build();
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes(@QueryParam("filter") String filter, @Context UriInfo uri) throws ScimException {
        refuseFilter(filter);
        List<JsonNode> all = new ArrayList<>();
        for (ResourceType t : ResourceType.values()) all.add(resourceType(t, uri.getBaseUri()));
        return ResourceEndpoint.ok(200, list(all)).build();
    }

    @GET
    @Path("ResourceTypes/{id}")
    public Response resourceType(@PathParam("id") String id, @Context UriInfo uri) throws ScimException {
        ResourceType t = ResourceType.ofScimName(id).orElseThrow(() -> new ResourceNotFoundException("no resource type " + id));
        return ResourceEndpoint.ok(200, resourceType(t, uri.getBaseUri())).build();
    }

    @GET
    @Path("Schemas")
    public Response schemas(@QueryParam("filter") String filter, @Context UriInfo uri) throws ScimException {
        refuseFilter(filter);
        List<JsonNode> all = new ArrayList<>();
        for (SchemaResource s : schemas.all()) all.add(schema(s, uri.getBaseUri()));
        return ResourceEndpoint.ok(200, list(all)).build();
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id, @Context UriInfo uri) throws ScimException {
        SchemaResource s = schemas.all().stream().filter(x -> x.getId().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("no schema " + id));
        return ResourceEndpoint.ok(200, schema(s, uri.getBaseUri())).build();
    }

    /** RFC 7644 §4: discovery endpoints do not filter. */
    private static void refuseFilter(String filter) throws ForbiddenException {
        if (filter != null) throw new ForbiddenException("discovery endpoints do not support filtering");
    }

    private ObjectNode resourceType(ResourceType t, URI base) {
        List<ResourceTypeResource.SchemaExtension> extensions = new ArrayList<>();
        for (String urn : schemas.extensions(t)) extensions.add(new ResourceTypeResource.SchemaExtension(URI.create(urn), false));
        ResourceTypeResource r = new ResourceTypeResource(t.scimName(), t.scimName(), t.scimName() + "s of the source tenant",
                URI.create("/" + t.endpoint()), URI.create(t.schema()), extensions);
        ObjectNode body = sdkJson.valueToTree(r);
        meta(body, "ResourceType", base + "ResourceTypes/" + t.scimName());
        return body;
    }

    private ObjectNode schema(SchemaResource s, URI base) {
        ObjectNode body = sdkJson.valueToTree(s);
        meta(body, "Schema", base + "Schemas/" + s.getId());
        return body;
    }

    private static void meta(ObjectNode body, String resourceType, String location) {
        ObjectNode meta = body.putObject("meta");
        meta.put("resourceType", resourceType);
        meta.put("location", location);
    }

    private ObjectNode list(List<JsonNode> resources) {
        ObjectNode list = sdkJson.createObjectNode();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", resources.size());
        list.put("itemsPerPage", resources.size());
        list.put("startIndex", 1);
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }
}
