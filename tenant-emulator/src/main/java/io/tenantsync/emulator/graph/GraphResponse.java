package io.tenantsync.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Graph response: status, extra headers and a JSON body, a plain-text body, or none. */
public record GraphResponse(int status, Map<String, String> headers, JsonNode json, String text) {
    public GraphResponse {
        headers = Map.copyOf(headers);
    }

    public static GraphResponse ok(JsonNode json) { return new GraphResponse(200, Map.of(), json, null); }

    public static GraphResponse created(JsonNode json, String location) {
        return new GraphResponse(201, location == null ? Map.of() : Map.of("Location", location), json, null);
    }

    public static GraphResponse noContent() { return new GraphResponse(204, Map.of(), null, null); }

    public static GraphResponse text(String text) { return new GraphResponse(200, Map.of(), null, text); }

    /** The same response with one more header. */
    public GraphResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new GraphResponse(status, h, json, text);
    }
}
