package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import io.tenantsync.gateway.store.ResourceType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) the way real clients send it: operation names in any case, path-less
 * value maps with dotted and URN-prefixed keys, values in Entra's loose types, filtered paths that create the element
 * when none matches (Entra relies on it), and group membership changes kept apart for the membership table.
 */
final class PatchApplier {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One operation as parsed. */
    record Operation(PatchOpType op, Optional<Path> path, JsonNode value) {}

    /** A change to a group's membership, applied to the membership table rather than the resource body. */
    sealed interface MemberChange {
        /** Adds these members ({@code {value, display?}} objects). */
        record Add(List<JsonNode> members) implements MemberChange {}

        /** Replaces every member with these. */
        record ReplaceAll(List<JsonNode> members) implements MemberChange {}

        /** Removes the members with these ids. */
        record Remove(List<String> ids) implements MemberChange {}

        /** Removes the members a filter such as {@code value eq "…"} selects. */
        record RemoveMatching(Filter filter) implements MemberChange {}

        /** Removes every member. */
        record RemoveAll() implements MemberChange {}
    }

    /** The patched resource body and the membership changes, in request order. */
    record Result(ObjectNode resource, List<MemberChange> memberChanges) {}

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private final ScimSchemas schemas;
    private final ResourceValidator validator;

    PatchApplier(ScimSchemas schemas, ResourceValidator validator) {
        this.schemas = schemas;
        this.validator = validator;
    }

    /** Parses a PatchOp body; an empty {@code Operations} list is valid and changes nothing. */
    List<Operation> parse(JsonNode body) throws BadRequestException {
        if (body == null || !body.isObject()) throw BadRequestException.invalidSyntax("a PATCH body must be a PatchOp JSON object");
        JsonNode operations = null;
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase("Operations")) operations = f.getValue();
            // a body without schemas is tolerated (Bulk clients omit it); one declaring another message is not a PatchOp
            if (f.getKey().equalsIgnoreCase("schemas") && !declaresPatchOp(f.getValue())) {
                throw BadRequestException.invalidSyntax("a PATCH body's schemas must be [\"" + PATCH_OP + "\"]");
            }
        }
        if (operations == null || operations.isNull()) throw BadRequestException.invalidSyntax("a PatchOp needs an 'Operations' array");
        if (!operations.isArray()) throw BadRequestException.invalidSyntax("'Operations' must be an array");
        List<Operation> ops = new ArrayList<>();
        for (JsonNode o : operations) {
            if (!o.isObject()) throw BadRequestException.invalidSyntax("each operation must be a JSON object");
            String opName = field(o, "op").filter(JsonNode::isTextual).map(JsonNode::textValue)
                    .orElseThrow(() -> BadRequestException.invalidSyntax("each operation needs an 'op'"));
            PatchOpType op = switch (opName.toLowerCase(Locale.ROOT)) {
                case "add" -> PatchOpType.ADD;
                case "replace" -> PatchOpType.REPLACE;
                case "remove" -> PatchOpType.REMOVE;
                default -> throw BadRequestException.invalidSyntax("unknown op '" + opName + "'; use add, replace or remove");
            };
            Optional<JsonNode> pathNode = field(o, "path").filter(p -> !p.isNull());
            Optional<Path> path = Optional.empty();
            if (pathNode.isPresent()) {
                if (!pathNode.get().isTextual()) throw BadRequestException.invalidPath("'path' must be a string");
                String text = pathNode.get().textValue().trim();
                if (!text.isEmpty()) path = Optional.of(parsePath(text));
            }
            JsonNode value = field(o, "value").orElse(null);
            if (op != PatchOpType.REMOVE && field(o, "value").isEmpty()) {
                throw BadRequestException.invalidValue("an " + opName + " operation needs a 'value'");
            }
            if (path.isEmpty() && op == PatchOpType.REMOVE) throw BadRequestException.noTarget("a remove operation needs a path");
            if (path.isEmpty() && (value == null || !value.isObject())) {
                throw BadRequestException.invalidValue("an " + opName + " without a path needs an object value");
            }
            ops.add(new Operation(op, path, value));
        }
        return ops;
    }

    private static boolean declaresPatchOp(JsonNode schemas) {
        if (!schemas.isArray()) return false;
        for (JsonNode urn : schemas) {
            if (urn.isTextual() && urn.textValue().equalsIgnoreCase(PATCH_OP)) return true;
        }
        return false;
    }

    private static Path parsePath(String text) throws BadRequestException {
        try {
            return Path.fromString(text);
        } catch (BadRequestException e) {
            throw BadRequestException.invalidPath("'" + text + "' is not a valid attribute path: " + e.getMessage());
        }
    }

    private static Optional<JsonNode> field(JsonNode o, String name) {
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) return Optional.of(f.getValue());
        }
        return Optional.empty();
    }

    /** Applies the operations to a copy of {@code resource}. */
    Result apply(ResourceType type, ObjectNode resource, List<Operation> ops) throws ScimException {
        ObjectNode doc = resource.deepCopy();
        List<MemberChange> members = new ArrayList<>();
        for (Operation o : ops) {
            if (o.path().isPresent()) {
                applyPath(type, doc, o.op(), o.path().get(), o.value(), members);
                continue;
            }
            // a path-less add/replace: every key is a path of its own (dotted or URN-prefixed), or an extension object
            Iterator<Map.Entry<String, JsonNode>> it = o.value().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                Optional<String> extension = schemas.extension(type, f.getKey());
                if (extension.isPresent() && f.getValue().isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> ext = f.getValue().fields();
                    while (ext.hasNext()) {
                        Map.Entry<String, JsonNode> e = ext.next();
                        applyPath(type, doc, o.op(), parsePath(extension.get() + ":" + e.getKey()), e.getValue(), members);
                    }
                } else if (f.getKey().equalsIgnoreCase("schemas") || f.getKey().equalsIgnoreCase("meta") || f.getKey().equalsIgnoreCase("id")) {
                    // read-only or structural: ignored, as in a PUT
                } else {
                    applyPath(type, doc, o.op(), parsePath(f.getKey()), f.getValue(), members);
                }
            }
        }
        return new Result(doc, List.copyOf(members));
    }

    /**
     * Entra sends enterprise attributes without their schema ({@code "path":"manager"}): a name the core schema lacks
     * and exactly one writable extension has is resolved to that extension.
     */
    private Optional<String> unqualifiedExtension(ResourceType type, String name) {
        if (schemas.attribute(type, null, name).isPresent()) return Optional.empty();
        List<String> owners = schemas.extensions(type).stream()
                .filter(urn -> !urn.equals(ScimSchemas.TARGET_STATE) && schemas.attribute(type, urn, name).isPresent())
                .toList();
        return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
    }

    private void applyPath(ResourceType type, ObjectNode doc, PatchOpType op, Path path, JsonNode value, List<MemberChange> members) throws ScimException {
        String urn = path.getSchemaUrn();
        Path.Element first = path.getElement(0);
        if (urn != null && schemas.extension(type, urn).map(ScimSchemas.TARGET_STATE::equals).orElse(false)) {
            throw BadRequestException.mutability("the target state is set by the gateway, not by clients");
        }
        if (urn == null || urn.equalsIgnoreCase(type.schema())) {
            String name = first.getAttribute();
            if (name.equalsIgnoreCase("id")) throw BadRequestException.mutability("id is read-only");
            if (name.equalsIgnoreCase("meta") || name.equalsIgnoreCase("schemas")) {
                throw BadRequestException.mutability(name + " is read-only");
            }
            if (name.equalsIgnoreCase("externalId")) {
                applySimple(doc, op, Path.root().attribute("externalId"), value == null ? null
                        : ResourceValidator.simple("externalId", single(value, "externalId"), AttributeDefinition.Type.STRING));
                return;
            }
            if (type == ResourceType.GROUP && name.equalsIgnoreCase("members")) {
                members.add(memberChange(op, path, value));
                return;
            }
        } else if (schemas.extension(type, urn).isEmpty()) {
            throw BadRequestException.invalidPath("unknown schema " + urn + " for " + type.scimName());
        }
        String canonicalUrn = urn == null || urn.equalsIgnoreCase(type.schema()) ? null : schemas.extension(type, urn).orElseThrow();
        if (urn == null) canonicalUrn = unqualifiedExtension(type, first.getAttribute()).orElse(null);
        AttributeDefinition def = schemas.attribute(type, canonicalUrn, first.getAttribute()).orElseThrow(() ->
                BadRequestException.invalidPath("'" + path + "' names no attribute of " + type.scimName()));
        // RFC 7644 §3.5.2: an operation incompatible with the attribute's mutability is refused
        if (def.getMutability() == AttributeDefinition.Mutability.READ_ONLY) throw BadRequestException.mutability(def.getName() + " is read-only");
        if (path.size() > 2) throw BadRequestException.invalidPath("'" + path + "' is nested too deeply");
        AttributeDefinition sub = null;
        if (path.size() == 2) {
            sub = ScimSchemas.sub(def, path.getElement(1).getAttribute()).orElseThrow(() ->
                    BadRequestException.invalidPath("'" + path + "' names no sub-attribute"));
            if (sub.getMutability() == AttributeDefinition.Mutability.READ_ONLY) {
                throw BadRequestException.mutability(def.getName() + "." + sub.getName() + " is read-only");
            }
        }
        Path base = canonicalUrn == null ? Path.root() : Path.root(canonicalUrn);
        String label = (canonicalUrn == null ? "" : canonicalUrn + ":") + def.getName();
        Filter filter = first.getValueFilter();
        if (filter != null) {
            if (!def.isMultiValued() || def.getType() != AttributeDefinition.Type.COMPLEX) {
                throw BadRequestException.invalidPath("a value filter needs a multi-valued complex attribute, not " + label);
            }
            JsonNode coerced = op == PatchOpType.REMOVE ? null
                    : sub != null ? validator.value(sub, value, label + "." + sub.getName())
                    : validator.value(def, value, label);
            applyFiltered(container(doc, canonicalUrn), def.getName(), filter, sub == null ? null : sub.getName(), op, coerced);
            return;
        }
        Path canonical = sub == null ? base.attribute(def.getName()) : base.attribute(def.getName()).attribute(sub.getName());
        if (op == PatchOpType.REMOVE) {
            PatchOperation.remove(canonical).apply(doc);
            pruneEmpty(doc, canonicalUrn);
            return;
        }
        JsonNode coerced = sub != null ? validator.value(sub, value, label + "." + sub.getName()) : validator.value(def, value, label);
        if (coerced == null) {
            // replacing with null, "" (manager) or [] clears the attribute; adding nothing is a no-op
            if (op == PatchOpType.REPLACE || isManager(canonicalUrn, def)) {
                PatchOperation.remove(canonical).apply(doc);
                pruneEmpty(doc, canonicalUrn);
            }
            return;
        }
        applySimple(doc, op, canonical, coerced);
    }

    private static boolean isManager(String urn, AttributeDefinition def) {
        return ScimSchemas.ENTERPRISE_USER.equals(urn) && def.getName().equals("manager");
    }

    private static JsonNode single(JsonNode value, String label) throws BadRequestException {
        if (value != null && value.isArray()) {
            if (value.size() != 1) throw BadRequestException.invalidValue(label + " is single-valued");
            return value.get(0);
        }
        return value;
    }

    private static void applySimple(ObjectNode doc, PatchOpType op, Path path, JsonNode value) throws ScimException {
        if (value == null || value.isNull()) {
            PatchOperation.remove(path).apply(doc);
            return;
        }
        PatchOperation.create(op, path, value).apply(doc);
    }

    private static ObjectNode container(ObjectNode doc, String urn) {
        if (urn == null) return doc;
        JsonNode ext = doc.get(urn);
        if (ext instanceof ObjectNode o) return o;
        ObjectNode created = NODES.objectNode();
        doc.set(urn, created);
        return created;
    }

    private static void pruneEmpty(ObjectNode doc, String urn) {
        if (urn != null && doc.get(urn) instanceof ObjectNode o && o.isEmpty()) doc.remove(urn);
    }

    /** {@code attr[filter]} or {@code attr[filter].sub}: changes the matching elements, creating one when none matches. */
    private static void applyFiltered(ObjectNode container, String attribute, Filter filter, String sub, PatchOpType op, JsonNode value)
            throws ScimException {
        JsonNode existing = container.get(attribute);
        ArrayNode array = existing instanceof ArrayNode a ? a : NODES.arrayNode();
        List<ObjectNode> matches = new ArrayList<>();
        for (JsonNode e : array) {
            if (e instanceof ObjectNode o && FilterEvaluator.evaluate(filter, o)) matches.add(o);
        }
        if (op == PatchOpType.REMOVE) {
            for (ObjectNode m : matches) {
                if (sub != null) {
                    m.remove(sub);
                    if (m.isEmpty()) removeElement(array, m);
                } else {
                    removeElement(array, m);
                }
            }
        } else if (value == null) {
            if (op == PatchOpType.REPLACE) {
                for (ObjectNode m : matches) {
                    if (sub != null) m.remove(sub);
                    else removeElement(array, m);
                }
            }
        } else if (matches.isEmpty()) {
            // Entra adds (and replaces) emails[type eq "work"].value on users that have no work email yet
            if (sub != null) {
                ObjectNode created = template(filter);
                created.set(sub, value);
                array.add(created);
            } else {
                for (JsonNode v : value.isArray() ? value : NODES.arrayNode().add(value)) {
                    ObjectNode created = template(filter);
                    if (v.isObject()) created.setAll((ObjectNode) v);
                    array.add(created);
                }
            }
        } else {
            for (ObjectNode m : matches) {
                if (sub != null) {
                    m.set(sub, value);
                } else {
                    JsonNode v = value.isArray() ? value.get(0) : value;
                    if (op == PatchOpType.REPLACE) m.removeAll();
                    if (v instanceof ObjectNode o) m.setAll(o);
                }
            }
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            if (array.get(i) instanceof ObjectNode o && o.isEmpty()) array.remove(i);
        }
        if (array.isEmpty()) container.remove(attribute);
        else container.set(attribute, array);
    }

    private static void removeElement(ArrayNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                array.remove(i);
                return;
            }
        }
    }

    /** The element a filter of equalities describes, e.g. {@code type eq "work"} → {@code {"type":"work"}}. */
    private static ObjectNode template(Filter filter) {
        ObjectNode element = NODES.objectNode();
        if (filter instanceof EqualFilter eq && eq.getAttributePath().size() == 1 && eq.getComparisonValue() != null) {
            element.set(eq.getAttributePath().getElement(0).getAttribute(), eq.getComparisonValue());
        } else if (filter instanceof AndFilter and) {
            for (Filter part : and.getCombinedFilters()) element.setAll(template(part));
        }
        return element;
    }

    private MemberChange memberChange(PatchOpType op, Path path, JsonNode value) throws BadRequestException {
        Filter filter = path.getElement(0).getValueFilter();
        if (path.size() > 1) throw BadRequestException.invalidPath("members can only be changed whole, not by sub-attribute");
        if (filter != null) {
            if (op != PatchOpType.REMOVE) throw BadRequestException.invalidPath("add and replace take members without a filter");
            return new MemberChange.RemoveMatching(filter);
        }
        List<JsonNode> listed = new ArrayList<>();
        if (value != null && !value.isNull()) {
            for (JsonNode m : value.isArray() ? value : NODES.arrayNode().add(value)) {
                if (m.isNull()) continue;
                if (m.isTextual()) {
                    listed.add(NODES.objectNode().put("value", m.textValue()));
                    continue;
                }
                if (!m.isObject()) throw BadRequestException.invalidValue("each member must be an object with a 'value'");
                Optional<JsonNode> id = field(m, "value");
                if (id.isEmpty() || !id.get().isTextual() || id.get().textValue().isEmpty()) {
                    throw BadRequestException.invalidValue("each member needs a 'value' holding the id of a User or Group");
                }
                ObjectNode member = NODES.objectNode().put("value", id.get().textValue());
                field(m, "display").filter(JsonNode::isTextual).ifPresent(d -> member.set("display", d));
                listed.add(member);
            }
        }
        return switch (op) {
            case ADD -> new MemberChange.Add(List.copyOf(listed));
            case REPLACE -> new MemberChange.ReplaceAll(List.copyOf(listed));
            case REMOVE -> listed.isEmpty() ? new MemberChange.RemoveAll()
                    : new MemberChange.Remove(listed.stream().map(m -> m.get("value").textValue()).toList());
        };
    }
}
