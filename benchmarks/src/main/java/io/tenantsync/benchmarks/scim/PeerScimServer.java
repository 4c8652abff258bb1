package io.tenantsync.benchmarks.scim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.resources.complex.Name;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Email;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The peer the gateway is compared with: the SCIM-SDK 1.30.0 server (de.captaingoldfish) as its documentation sets
 * it up, a {@link ResourceHandler} over an in-memory map with the SDK's own filtering and sorting switched on, served
 * by the JDK's HTTP server on loopback with a bearer token.
 */
final class PeerScimServer implements AutoCloseable {
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final ResourceEndpoint endpoint;
    private final HttpServer http;
    private final ExecutorService workers;
    private final String token;

    PeerScimServer(String token, int threads) throws IOException {
        this.token = token;
        ServiceProvider provider = ServiceProvider.builder()
                .filterConfig(FilterConfig.builder().supported(true).maxResults(200).build())
                .build();
        endpoint = new ResourceEndpoint(provider);
        ResourceType users = endpoint.registerEndpoint(new UserEndpointDefinition(new MapUserHandler()));
        // the handler returns every user; the SDK filters, sorts and pages them
        users.getFeatures().setAutoFiltering(true);
        users.getFeatures().setAutoSorting(true);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        workers = Executors.newFixedThreadPool(threads);
        http.setExecutor(workers);
        http.createContext("/scim/v2", this::handle);
        http.start();
    }

    /** The SCIM base URI, e.g. {@code http://127.0.0.1:PORT/scim/v2}. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2");
    }

    /** Loads a user straight into the map, as a database-backed peer would have it already stored. */
    void load(String userName, String givenName) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        User u = User.builder().id(id).userName(userName).active(true)
                .name(Name.builder().givenName(givenName).familyName("Bench").build())
                .emails(List.of(Email.builder().type("work").value(userName).primary(true).build()))
                .meta(Meta.builder().resourceType("User").created(now).lastModified(now).location(baseUri() + "/Users/" + id).build())
                .build();
        users.put(id, u);
    }

    int size() {
        return users.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            String url = baseUri().resolve(exchange.getRequestURI()).toString();
            ScimResponse response = endpoint.handleRequest(url, HttpMethod.valueOf(exchange.getRequestMethod()),
                    requestBody.length == 0 ? null : new String(requestBody, StandardCharsets.UTF_8), headers,
                    new Context(new BearerAuthorization()));
            byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
            response.getHttpHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.getHttpStatus(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Accepts exactly the peer's bearer token. */
    private final class BearerAuthorization implements Authorization {
        @Override
        public Set<String> getClientRoles() {
            return Set.of();
        }

        @Override
        public boolean authenticate(Map<String, String> headers, Map<String, String> queryParams) {
            String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            return value.equals("Bearer " + token);
        }
    }

    /** Users in a map; listing hands the SDK every one of them. */
    private final class MapUserHandler extends ResourceHandler<User> {
        @Override
        public User createResource(User resource, Context context) {
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now();
            resource.setId(id);
            resource.setMeta(Meta.builder().resourceType("User").created(now).lastModified(now)
                    .location(context.getResourceReferenceUrl(id)).build());
            users.put(id, resource);
            return resource;
        }

        @Override
        public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes, Context context) {
            return users.get(id);
        }

        @Override
        public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter, SchemaAttribute sortBy,
                                                       SortOrder sortOrder, List<SchemaAttribute> attributes,
                                                       List<SchemaAttribute> excludedAttributes, Context context) {
            List<User> all = new ArrayList<>(users.values());
            return PartialListResponse.<User>builder().resources(all).totalResults(all.size()).build();
        }

        @Override
        public User updateResource(User resource, Context context) {
            String id = resource.getId().orElseThrow();
            Meta old = users.get(id).getMeta().orElseThrow();
            resource.setMeta(Meta.builder().resourceType("User").created(old.getCreated().orElseThrow())
                    .lastModified(Instant.now()).location(old.getLocation().orElseThrow()).build());
            users.put(id, resource);
            return resource;
        }

        @Override
        public void deleteResource(String id, Context context) {
            users.remove(id);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }
}
