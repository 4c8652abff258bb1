package io.tenantsync.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Strict parsing of control request bodies: anything but a JSON object is a 400, never a 5xx. */
final class ControlBodies {
    private ControlBodies() {}

    static JsonNode object(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) throw new ControlException(400, "invalidBody", "A JSON object body is required.");
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (IOException e) {
            throw new ControlException(400, "invalidBody", "The body is not valid JSON.");
        }
        if (n == null || !n.isObject()) throw new ControlException(400, "invalidBody", "The body must be a JSON object.");
        return n;
    }
}
