package io.tenantsync.emulator.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** The emulator's JSON: one configured mapper, and strict parsing of request bodies. */
public final class GraphJson {
    private GraphJson() {}

    /** A mapper that rejects duplicate keys and absurd nesting, so hostile bodies fail as 400s, not as crashes. */
    public static ObjectMapper mapper() {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(4 * 1024 * 1024).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(f).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The request body as a JSON object; 400 when absent, not declared as JSON, malformed, or not an object. */
    public static ObjectNode object(ObjectMapper json, GraphRequest req) {
        if (req.body().length == 0) throw GraphException.badRequest("Empty Payload. JSON content expected.");
        String type = req.header("Content-Type").orElse("application/json").toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new GraphException(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
        JsonNode n;
        try {
            n = json.readTree(req.body());
        } catch (IOException e) {
            throw new GraphException(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
        if (n == null || !n.isObject()) {
            throw new GraphException(400, "BadRequest", "Unable to read JSON request payload: a JSON object is expected.");
        }
        return (ObjectNode) n;
    }

    /**
     * Refuses an {@code @odata.type} annotation naming another type than the resource's: Graph resolves the
     * annotation against its model, so a user body typed as a device is an error, not a silently ignored hint.
     */
    public static void requireType(ObjectNode body, String qualifiedType) {
        JsonNode type = body.get("@odata.type");
        if (type != null && !(type.isTextual() && type.asText().equalsIgnoreCase("#" + qualifiedType))) {
            throw GraphException.badRequest("The '@odata.type' annotation must name '#" + qualifiedType + "'.");
        }
    }
}
