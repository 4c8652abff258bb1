package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenantsync.gateway.auth.Authenticated;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.provisioning.ProvisioningWait;
import io.tenantsync.gateway.store.ChangeRef;
import io.tenantsync.gateway.store.ResourceQuery;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.StoredResource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code /Users} and {@code /Groups} (RFC 7644 §3.2–3.6) and {@code /.search} at the root. Each request runs the
 * same stages: authenticated connection (set by the filter) → read and validate → store with its outbox row →
 * wait (bounded) for the change to reach the target → respond with the resource and its target state.
 */
@Singleton
@Path("")
public final class ResourceEndpoint {
    private static final String TYPE = "{type: (?i:users|groups)}";

    private final ResourceOperations operations;
    private final ProvisioningWait wait;
    private final RequestBodyReader bodies;
    private final ServiceLimits limits;
    private final Executor responder;

    @Inject
    public ResourceEndpoint(ResourceOperations operations, ProvisioningWait wait, ObjectMapper json, ServiceLimits limits, Executor responder) {
        this.operations = operations;
        this.wait = wait;
        this.bodies = new RequestBodyReader(json, limits.maxPayloadBytes());
        this.limits = limits;
        this.responder = responder;
    }

    static ResourceType type(String endpoint) {
        return ResourceType.ofEndpoint(endpoint).orElseThrow(NotFoundException::new);
    }

    static Response.ResponseBuilder ok(int status, JsonNode body) {
        return Response.status(status).type(ScimMediaType.SCIM_JSON_TYPE).entity(body.toString());
    }

    /** A response of JSON already written as UTF-8 bytes. */
    static Response.ResponseBuilder ok(int status, byte[] body) {
        return Response.status(status).type(ScimMediaType.SCIM_JSON_TYPE).entity(body);
    }

    @GET
    @Path(TYPE)
    public Response list(@PathParam("type") String endpoint, @QueryParam("filter") String filter, @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder, @QueryParam("startIndex") String startIndex, @QueryParam("count") String count,
                         @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
                         @Authenticated Caller caller) throws ScimException {
        SearchParameters p = new SearchParameters(filter, sortBy, sortOrder, startIndex, count, AttributeSelection.of(attributes, excluded));
        return search(caller.connection(), caller.base(), Optional.of(type(endpoint)), p);
    }

    @POST
    @Path(TYPE + "/.search")
    public Response searchType(@PathParam("type") String endpoint, InputStream body, @Context HttpHeaders headers, @Authenticated Caller caller) throws ScimException {
        ResourceType type = type(endpoint);
        Connection c = caller.connection();
        return search(c, caller.base(), Optional.of(type), SearchParameters.fromBody(bodies.read(headers.getMediaType(), body, c)));
    }

    @POST
    @Path(".search")
    public Response searchRoot(InputStream body, @Context HttpHeaders headers, @Authenticated Caller caller)
            throws ScimException {
        Connection c = caller.connection();
        return search(c, caller.base(), Optional.empty(), SearchParameters.fromBody(bodies.read(headers.getMediaType(), body, c)));
    }

    private Response search(Connection c, URI base, Optional<ResourceType> type, SearchParameters p) throws ScimException {
        ResourceQuery query = p.toQuery(c.id(), type, limits.maxResults());
        if (query.filter().isPresent()) operations.checkFilterAttributes(type, query.filter().get());
        return ok(200, operations.search(c, base, query, p.selection())).build();
    }

    @GET
    @Path(TYPE + "/{id}")
    public Response get(@PathParam("type") String endpoint, @PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excluded, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Authenticated Caller caller) throws ScimException {
        Connection c = caller.connection();
        StoredResource r = operations.get(c, type(endpoint), id);
        ResourceVersion version = new ResourceVersion(r.version());
        if (version.matchedBy(ifNoneMatch)) return Response.notModified().header(HttpHeaders.ETAG, version.etag()).build();
        byte[] body = operations.renderJson(c, caller.base(), r, AttributeSelection.of(attributes, excluded));
        return ok(200, body).header(HttpHeaders.ETAG, version.etag()).build();
    }

    @POST
    @Path(TYPE)
    public void create(@PathParam("type") String endpoint, InputStream body, @QueryParam("attributes") String attributes,
                       @QueryParam("excludedAttributes") String excluded, @Context HttpHeaders headers, @Authenticated Caller caller, @Suspended AsyncResponse async) {
        respond(async, () -> {
            Connection c = caller.connection();
            ResourceType type = type(endpoint);
            ResourceOperations.Written w = operations.create(c, type, bodies.read(headers.getMediaType(), body, c));
            return new Reply(c, caller.base(), w, 201, AttributeSelection.of(attributes, excluded));
        });
    }

    @PUT
    @Path(TYPE + "/{id}")
    public void replace(@PathParam("type") String endpoint, @PathParam("id") String id, InputStream body,
                        @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
                        @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context HttpHeaders headers, @Authenticated Caller caller, @Suspended AsyncResponse async) {
        respond(async, () -> {
            Connection c = caller.connection();
            ResourceOperations.Written w = operations.replace(c, type(endpoint), id, bodies.read(headers.getMediaType(), body, c), ifMatch);
            return new Reply(c, caller.base(), w, 200, AttributeSelection.of(attributes, excluded));
        });
    }

    @PATCH
    @Path(TYPE + "/{id}")
    public void patch(@PathParam("type") String endpoint, @PathParam("id") String id, InputStream body,
                      @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context HttpHeaders headers, @Authenticated Caller caller, @Suspended AsyncResponse async) {
        respond(async, () -> {
            Connection c = caller.connection();
            ResourceOperations.Written w = operations.patch(c, type(endpoint), id, bodies.read(headers.getMediaType(), body, c), ifMatch);
            return new Reply(c, caller.base(), w, 200, AttributeSelection.of(attributes, excluded));
        });
    }

    @DELETE
    @Path(TYPE + "/{id}")
    public void delete(@PathParam("type") String endpoint, @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                       @Authenticated Caller caller, @Suspended AsyncResponse async) {
        try {
            Connection c = caller.connection();
            ChangeRef change = operations.delete(c, type(endpoint), id, ifMatch);
            CompletableFuture<Void> waited = wait.after(c, List.of(change));
            if (waited.isDone()) async.resume(Response.noContent().build());
            else waited.thenRunAsync(() -> async.resume(Response.noContent().build()), responder);
        } catch (ScimException e) {
            async.resume(ScimErrors.response(e));
        } catch (RuntimeException e) {
            async.resume(e);
        }
    }

    /** What a write answers once its change has been given its bounded chance to reach the target. */
    private record Reply(Connection connection, URI base, ResourceOperations.Written written, int status, AttributeSelection selection) {}

    @FunctionalInterface
    private interface Write {
        Reply run() throws ScimException;
    }

    private void respond(AsyncResponse async, Write write) {
        Reply reply;
        try {
            reply = write.run();
        } catch (ScimException e) {
            async.resume(ScimErrors.response(e));
            return;
        } catch (RuntimeException e) {
            async.resume(e);
            return;
        }
        CompletableFuture<Void> waited = wait.after(reply.connection(), reply.written().change().stream().toList());
        if (waited.isDone()) async.resume(render(reply, false));
        else waited.thenRunAsync(() -> async.resume(render(reply, true)), responder);
    }

    private Response render(Reply reply, boolean reread) {
        try {
            StoredResource r = reply.written().resource();
            ObjectNode body = reread
                    ? operations.renderCurrent(reply.connection(), reply.base(), r, reply.selection())
                    : operations.render(reply.connection(), reply.base(), r, reply.selection());
            String etag = body.path("meta").path("version").asText(new ResourceVersion(r.version()).etag());
            Response.ResponseBuilder b = ok(reply.status(), body).header(HttpHeaders.ETAG, etag);
            if (reply.status() == 201) b.location(URI.create(ResourceRenderer.location(reply.base(), r.type(), r.id())));
            return b.build();
        } catch (ScimException e) {
            return ScimErrors.response(e);
        }
    }
}
