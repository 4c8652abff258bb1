package io.tenantsync.emulator.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The group properties the emulator stores, their JSON types and limits, which of them clients may write, and the
 * group kinds Graph lets clients create. Bodies are checked here before anything is stored.
 */
public final class GroupSchema {
    /** JSON shapes a property may take. */
    public enum Type { STRING, BOOLEAN, STRING_LIST, DATETIME }

    /** A property: type, maximum string length, and whether clients may set it. */
    public record Property(String name, Type type, int maxLength, boolean writable) {}

    /**
     * A checked create or update body: canonical properties, plus the object ids named by {@code members@odata.bind}
     * (null when the body has no such annotation).
     */
    public record GroupWrite(ObjectNode properties, List<String> memberRefs) {}

    /** How many references one {@code members@odata.bind} may carry. */
    public static final int MAX_BIND = 20;

    /** {@code groupTypes} value of Microsoft 365 groups. */
    public static final String UNIFIED = "Unified";

    private static final Map<String, Property> PROPERTIES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // characters Exchange refuses in an alias: @ () \ [] " ; : <> , space, and anything outside ASCII
    private static final Pattern NICKNAME = Pattern.compile("[\\x21-\\x7E&&[^@()\\\\\\[\\]\";:<>,]]{1,64}");
    private static final Set<String> VISIBILITY = Set.of("Public", "Private", "HiddenMembership");

    private static void add(String name, Type type, int maxLength, boolean writable) {
        PROPERTIES.put(name, new Property(name, type, maxLength, writable));
    }

    static {
        add("id", Type.STRING, 36, false);
        add("displayName", Type.STRING, 256, true);
        add("description", Type.STRING, 1024, true);
        add("mailEnabled", Type.BOOLEAN, 0, true);
        add("mailNickname", Type.STRING, 64, true);
        add("securityEnabled", Type.BOOLEAN, 0, true);
        add("groupTypes", Type.STRING_LIST, 64, true);
        add("visibility", Type.STRING, 32, true);
        add("isAssignableToRole", Type.BOOLEAN, 0, true);
        add("classification", Type.STRING, 256, true);
        add("preferredDataLocation", Type.STRING, 16, true);
        add("preferredLanguage", Type.STRING, 16, true);
        add("theme", Type.STRING, 32, true);
        // set by the directory, never by clients
        add("mail", Type.STRING, 320, false);
        add("proxyAddresses", Type.STRING_LIST, 1024, false);
        add("createdDateTime", Type.DATETIME, 0, false);
        add("deletedDateTime", Type.DATETIME, 0, false);
        add("renewedDateTime", Type.DATETIME, 0, false);
        add("expirationDateTime", Type.DATETIME, 0, false);
        add("securityIdentifier", Type.STRING, 256, false);
        add("onPremisesSyncEnabled", Type.BOOLEAN, 0, false);
        add("membershipRule", Type.STRING, 3072, false);
        add("membershipRuleProcessingState", Type.STRING, 32, false);
    }

    /** Properties never returned (none for groups; kept for the collection kind). */
    public static final Set<String> NEVER_RETURNED = Set.of();

    private GroupSchema() {}

    /** The canonical property for a name (case-insensitive), if the group type has it. */
    public static Property property(String name) {
        return PROPERTIES.get(name);
    }

    /**
     * Checks a create or update body. {@code @odata.*} annotations are dropped; {@code members@odata.bind} is resolved
     * to object ids; unknown or read-only properties, wrong types, oversize values and unsupported binds are 400s.
     */
    public static GroupWrite validate(ObjectNode body) {
        GraphJson.requireType(body, "microsoft.graph.group");
        ObjectNode clean = body.objectNode();
        List<String> members = null;
        var fields = body.properties().iterator();
        while (fields.hasNext()) {
            var f = fields.next();
            String name = f.getKey();
            if (name.startsWith("@odata.")) continue;
            if (name.equalsIgnoreCase("members@odata.bind")) {
                members = bindIds(f.getValue());
                continue;
            }
            if (name.contains("@odata.bind")) {
                // owners and other navigation binds are not kept by the emulator; refusing beats silently dropping
                throw GraphException.badRequest("Property '" + name + "' is not supported by the emulator.");
            }
            Property p = PROPERTIES.get(name);
            if (p == null) {
                throw GraphException.badRequest("Property '" + name + "' does not exist as a declared property or extension property.");
            }
            if (!p.writable()) {
                throw GraphException.badRequest("Property '" + p.name() + "' is read-only and cannot be set.");
            }
            checkType(p, f.getValue());
            clean.set(p.name(), f.getValue());
        }
        return new GroupWrite(clean, members);
    }

    /** The ids of a {@code members@odata.bind} array: at most {@link #MAX_BIND}, each a reference URL. */
    static List<String> bindIds(JsonNode refs) {
        if (!refs.isArray()) {
            throw GraphException.badRequest("Invalid value specified for property 'members@odata.bind' of resource 'Group'.");
        }
        if (refs.size() > MAX_BIND) {
            throw GraphException.badRequest("The request contains " + refs.size() + " references in 'members@odata.bind'; at most "
                    + MAX_BIND + " may be added in one request.");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode r : refs) {
            if (!r.isTextual()) {
                throw GraphException.badRequest("Invalid value specified for property 'members@odata.bind' of resource 'Group'.");
            }
            String id = References.id(r.asText());
            if (ids.contains(id)) {
                throw GraphException.badRequest("One or more added object references already exist for the following modified properties: 'members'.");
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * Checks that a complete group (after create defaults or a merged PATCH) is a kind Graph lets clients manage:
     * a security group ({@code groupTypes []}, mail off, security on) or a Microsoft 365 group ({@code ["Unified"]},
     * mail on). Mail-enabled security groups and distribution lists belong to Exchange; dynamic membership needs a
     * rule engine the emulator does not have.
     */
    public static void checkKind(ObjectNode group) {
        for (String required : List.of("displayName", "mailEnabled", "mailNickname", "securityEnabled")) {
            if (!group.hasNonNull(required)) throw invalid(required);
        }
        if (!NICKNAME.matcher(group.get("mailNickname").asText()).matches()) throw invalid("mailNickname");
        if (group.hasNonNull("visibility") && !VISIBILITY.contains(group.get("visibility").asText())) throw invalid("visibility");
        List<String> types = new ArrayList<>();
        group.path("groupTypes").forEach(t -> types.add(t.asText()));
        for (String t : types) {
            if (t.equalsIgnoreCase("DynamicMembership")) {
                throw GraphException.badRequest("Dynamic membership groups are not supported by the emulator.");
            }
            if (!t.equals(UNIFIED)) throw invalid("groupTypes");
        }
        boolean mail = group.get("mailEnabled").asBoolean();
        boolean security = group.get("securityEnabled").asBoolean();
        if (isUnified(group)) {
            if (!mail) throw invalid("mailEnabled");
        } else if (mail || !security) {
            throw GraphException.badRequest("Only security groups (mailEnabled false, securityEnabled true) and Microsoft 365 groups "
                    + "(groupTypes [\"Unified\"]) can be created or kept through this API.");
        }
    }

    /** Whether a group is a Microsoft 365 group (soft-deleted on delete; users only as members). */
    public static boolean isUnified(JsonNode group) {
        for (JsonNode t : group.path("groupTypes")) if (UNIFIED.equals(t.asText())) return true;
        return false;
    }

    private static void checkType(Property p, JsonNode v) {
        if (v.isNull()) {
            if (p.type() == Type.BOOLEAN || p.type() == Type.STRING_LIST || p.name().equals("displayName")
                    || p.name().equals("mailNickname")) {
                throw invalid(p.name());
            }
            return;
        }
        switch (p.type()) {
            case STRING -> {
                if (!v.isTextual() || v.asText().length() > p.maxLength()) throw invalid(p.name());
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) throw invalid(p.name());
            }
            case STRING_LIST -> {
                if (!v.isArray() || v.size() > 10) throw invalid(p.name());
                for (JsonNode e : v) if (!e.isTextual() || e.asText().length() > p.maxLength()) throw invalid(p.name());
            }
            case DATETIME -> throw invalid(p.name()); // no writable datetime properties
        }
    }

    private static GraphException invalid(String property) {
        return GraphException.badRequest("Invalid value specified for property '" + property + "' of resource 'Group'.");
    }
}
