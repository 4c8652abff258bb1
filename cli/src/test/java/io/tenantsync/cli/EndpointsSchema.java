package io.tenantsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a document against the endpoints-file JSON Schema, interpreting the keywords that schema uses:
 * {@code $ref} (local), {@code type}, {@code required}, {@code properties}, {@code pattern}, {@code minLength}.
 * Any other keyword in the schema fails the check, so a schema change cannot silently go unchecked.
 */
final class EndpointsSchema {
    private static final List<String> UNDERSTOOD = List.of("$schema", "$defs", "$ref", "title", "description", "type",
            "required", "properties", "pattern", "minLength");

    private final JsonNode schema;

    private EndpointsSchema(JsonNode schema) {
        this.schema = schema;
    }

    static EndpointsSchema load() {
        try (InputStream in = EndpointsSchema.class.getResourceAsStream("/contracts/endpoints.schema.json")) {
            return new EndpointsSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What in {@code doc} breaks the schema, one line per violation; empty when it conforms. */
    List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        check(schema, doc, "$", out);
        return out;
    }

    private void check(JsonNode s, JsonNode v, String at, List<String> out) {
        s.fieldNames().forEachRemaining(k -> {
            if (!UNDERSTOOD.contains(k)) throw new IllegalStateException("schema keyword '" + k + "' at " + at + " is not checked");
        });
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) throw new IllegalStateException("only local $ref is supported: " + ref);
            check(schema.at(ref.substring(1)), v, at, out);
        }
        if (s.has("type") && !typeMatches(s.get("type"), v)) {
            out.add(at + ": expected type " + s.get("type") + ", found " + v.getNodeType());
            return;
        }
        for (JsonNode r : s.path("required")) {
            if (!v.has(r.asText())) out.add(at + ": missing required '" + r.asText() + "'");
        }
        s.path("properties").fields().forEachRemaining(p -> {
            if (v.has(p.getKey())) check(p.getValue(), v.get(p.getKey()), at + "." + p.getKey(), out);
        });
        if (v.isTextual()) {
            if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
                out.add(at + ": '" + v.asText() + "' does not match " + s.get("pattern").asText());
            }
            if (s.has("minLength") && v.asText().codePointCount(0, v.asText().length()) < s.get("minLength").asInt()) {
                out.add(at + ": shorter than " + s.get("minLength").asInt());
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) if (typeMatches(t, v)) return true;
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v.isObject();
            case "string" -> v.isTextual();
            case "null" -> v.isNull();
            case "array" -> v.isArray();
            case "boolean" -> v.isBoolean();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            default -> throw new IllegalStateException("unknown schema type " + type);
        };
    }
}
