package io.tenantsync.core.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantsync.core.mapping.expression.Expression;
import io.tenantsync.core.mapping.expression.ExpressionSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads attribute mappings from YAML or JSON:
 * <pre>
 * extends: cts-defaults            # optional: start from the CTS default mappings
 * mappings:
 *   - target: companyName          # required
 *     constant: Contoso            # one of source (an attribute), constant, expression; none = type None
 *     apply: always                # always (default) | onCreateOnly
 *     default: Unknown             # optional: used on create when the source is null
 *     matchingPrecedence: 0        # optional: &gt; 0 makes it a matching attribute
 * </pre>
 * A mapping of an {@code extends} base's target replaces it. Every problem is collected and reported in one
 * {@link MappingConfigException}, each naming the mapping, the position in its expression and the reason.
 */
public final class MappingConfigReader {

    static final String CTS_DEFAULTS = "cts-defaults";
    private static final String CTS_RESOURCE = "/io/tenantsync/core/mapping/cts-default-mappings.yaml";
    private static final Set<String> ROOT_KEYS = Set.of("extends", "mappings");
    private static final Set<String> MAPPING_KEYS = Set.of("target", "source", "constant", "expression", "apply",
            "default", "matchingPrecedence");
    private static final String CTS_MATCHING_TARGET = "alternativeSecurityIds";

    private MappingConfigReader() {
    }

    /** Reads a configuration in YAML or JSON (JSON when it starts with '{' or '['), validated against Entra's user schema. */
    public static MappingSet read(String text) {
        return read(text, UserSchema.entraUser());
    }

    /** Reads a configuration validated against {@code schema}. */
    public static MappingSet read(String text, UserSchema schema) {
        JsonNode root = tree(text);
        List<String> problems = new ArrayList<>();
        List<AttributeMapping> base = List.of();
        JsonNode list = root;
        if (root.isObject()) {
            for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!ROOT_KEYS.contains(key)) {
                    problems.add("unknown key '" + key + "' (expected extends, mappings)");
                }
            }
            JsonNode extendsNode = root.get("extends");
            if (extendsNode != null) {
                if (CTS_DEFAULTS.equals(extendsNode.asText())) {
                    base = ctsDefaults().mappings();
                } else {
                    problems.add("extends: unknown base '" + extendsNode.asText() + "' (the only one is " + CTS_DEFAULTS + ")");
                }
            }
            list = root.path("mappings");
        }
        if (!list.isArray()) {
            problems.add("'mappings' must be a list of mappings");
            throw new MappingConfigException(problems);
        }
        List<AttributeMapping> own = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            AttributeMapping mapping = mapping(list.get(i), i + 1, problems);
            if (mapping != null) {
                own.add(mapping);
            }
        }
        boolean cts = !base.isEmpty();
        List<AttributeMapping> merged = new ArrayList<>(base);
        for (AttributeMapping mapping : own) {
            if (cts && (mapping.isMatching() || mapping.target().equalsIgnoreCase(CTS_MATCHING_TARGET))) {
                problems.add("mapping '" + mapping.target() + "': schemaInvalid: cross-tenant sync matches users only on "
                        + CTS_MATCHING_TARGET + " from AltSecIdFromNetId([netId]); it can't be changed or joined by "
                        + "other matching attributes");
                continue;
            }
            merged.removeIf(m -> m.target().equalsIgnoreCase(mapping.target()));
            merged.add(mapping);
        }
        problems.addAll(MappingSet.problems(merged, schema));
        if (!problems.isEmpty()) {
            throw new MappingConfigException(problems);
        }
        return MappingSet.of(merged, schema);
    }

    /** The CTS defaults, read once from the bundled resource. */
    static MappingSet ctsDefaults() {
        return CtsDefaults.SET;
    }

    private static AttributeMapping mapping(JsonNode node, int number, List<String> problems) {
        if (!node.isObject()) {
            problems.add("mapping #" + number + ": must be an object with at least 'target'");
            return null;
        }
        JsonNode targetNode = node.get("target");
        if (targetNode == null || !targetNode.isTextual() || targetNode.asText().isBlank()) {
            problems.add("mapping #" + number + ": 'target' is missing");
            return null;
        }
        String target = targetNode.asText();
        String name = "mapping '" + target + "': ";
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String key = fields.next().getKey();
            if (!MAPPING_KEYS.contains(key)) {
                problems.add(name + "unknown key '" + key + "' (expected target, source, constant, expression, apply, "
                        + "default, matchingPrecedence)");
            }
        }
        long kinds = Set.of("source", "constant", "expression").stream().filter(node::has).count();
        if (kinds > 1) {
            problems.add(name + "give only one of source, constant, expression");
            return null;
        }
        MappingSource source = new MappingSource.None();
        if (node.has("source")) {
            String attribute = scalar(node.get("source"), name + "'source'", problems);
            if (attribute != null) {
                // accept [name] as Graph writes attribute sources
                boolean bracketed = attribute.startsWith("[") && attribute.endsWith("]") && attribute.length() > 2;
                source = new MappingSource.Direct(bracketed ? attribute.substring(1, attribute.length() - 1) : attribute);
            }
        } else if (node.has("constant")) {
            String constant = scalar(node.get("constant"), name + "'constant'", problems);
            source = constant == null ? source : new MappingSource.Constant(constant);
        } else if (node.has("expression")) {
            String text = scalar(node.get("expression"), name + "'expression'", problems);
            if (text != null) {
                try {
                    source = new MappingSource.Computed(Expression.parse(text));
                } catch (ExpressionSyntaxException e) {
                    problems.add(name + e.getMessage());
                }
            }
        }
        ApplyMode apply = ApplyMode.ALWAYS;
        if (node.has("apply")) {
            apply = ApplyMode.parse(node.get("apply").asText());
            if (apply == null) {
                problems.add(name + "'apply' must be always or onCreateOnly, not '" + node.get("apply").asText() + "'");
            }
        }
        String defaultValue = node.has("default") ? scalar(node.get("default"), name + "'default'", problems) : null;
        int precedence = 0;
        if (node.has("matchingPrecedence")) {
            JsonNode value = node.get("matchingPrecedence");
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
                problems.add(name + "'matchingPrecedence' must be a whole number, 0 or more");
            } else {
                precedence = value.asInt();
            }
        }
        return problems.size() > before ? null : new AttributeMapping(target, source, apply, defaultValue, precedence);
    }

    private static String scalar(JsonNode node, String what, List<String> problems) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            problems.add(what + " must be a single value");
            return null;
        }
        return node.asText();
    }

    private static JsonNode tree(String text) {
        String start = text.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new MappingConfigException(List.of("the mappings configuration is empty"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new MappingConfigException(List.of("the mappings configuration is not valid " + (json ? "JSON" : "YAML")
                    + where + ": " + e.getOriginalMessage()));
        }
    }

    /** Holder: the bundled CTS defaults are read on first use. */
    private static final class CtsDefaults {
        static final MappingSet SET = load();

        private static MappingSet load() {
            try (InputStream in = MappingConfigReader.class.getResourceAsStream(CTS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(CTS_RESOURCE + " is missing from the classpath");
                }
                return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
