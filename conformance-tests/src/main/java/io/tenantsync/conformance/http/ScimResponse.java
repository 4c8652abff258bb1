package io.tenantsync.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A SCIM response: its status, headers and body, the body read as JSON when it is JSON. */
public final class ScimResponse {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Exchange exchange;
    private JsonNode json;

    ScimResponse(Exchange exchange) {
        this.exchange = exchange;
    }

    public Exchange exchange() {
        return exchange;
    }

    public int status() {
        return exchange.status();
    }

    public String body() {
        return exchange.responseBody() == null ? "" : exchange.responseBody();
    }

    /** The first value of a header, names compared ignoring case. */
    public Optional<String> header(String name) {
        return exchange.responseHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue())
                .filter(values -> !values.isEmpty())
                .map(values -> values.get(0))
                .findFirst();
    }

    /** The body as JSON; a missing node when it is empty or not JSON. */
    public JsonNode json() {
        if (json == null) {
            try {
                JsonNode parsed = body().isBlank() ? null : JSON.readTree(body());
                json = parsed == null ? MissingNode.getInstance() : parsed;
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
        }
        return json;
    }

    /** {@code id} of the resource in the body, or empty. */
    public String id() {
        return json().path("id").asText("");
    }

    /** The {@code Resources} of a ListResponse (empty when absent). */
    public List<JsonNode> resources() {
        JsonNode resources = json().path("Resources");
        if (!resources.isArray()) return List.of();
        List<JsonNode> all = new java.util.ArrayList<>();
        resources.forEach(all::add);
        return all;
    }
}
