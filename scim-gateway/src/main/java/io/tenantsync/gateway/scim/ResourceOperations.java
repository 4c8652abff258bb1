package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.provisioning.Refusal;
import io.tenantsync.gateway.provisioning.WriteAdmission;
import io.tenantsync.gateway.store.ChangeOperation;
import io.tenantsync.gateway.store.ChangeRef;
import io.tenantsync.gateway.store.IndexedValues;
import io.tenantsync.gateway.store.Member;
import io.tenantsync.gateway.store.ResourceQuery;
import io.tenantsync.gateway.store.ResourceStore;
import io.tenantsync.gateway.store.ResourceTransaction;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.SearchPage;
import io.tenantsync.gateway.store.StoredResource;
import io.tenantsync.gateway.store.TargetState;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SCIM operations on one connection's resources, shared by the HTTP endpoints and Bulk: admit → validate →
 * store the resource and its outbox row in one transaction. Rendering reads the resource's members and target state.
 */
public final class ResourceOperations {
    /** A stored write and the change it queued (none when the write changed nothing). */
    public record Written(StoredResource resource, Optional<ChangeRef> change) {}

    /** Optimistic writes retry when another write to the same resource committed in between. */
    private static final int WRITE_ATTEMPTS = 5;

    private final ResourceStore store;
    private final ScimSchemas schemas;
    private final ResourceValidator validator;
    private final PatchApplier patcher;
    private final ResourceRenderer renderer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<String> ids;
    private final WriteAdmission admission;

    public ResourceOperations(ResourceStore store, ScimSchemas schemas, ObjectMapper json, Clock clock, Supplier<String> ids, WriteAdmission admission) {
        this.store = store;
        this.schemas = schemas;
        this.validator = new ResourceValidator(schemas);
        this.patcher = new PatchApplier(schemas, validator);
        this.renderer = new ResourceRenderer(json);
        this.json = json;
        this.clock = clock;
        this.ids = ids;
        this.admission = admission;
    }

    ScimSchemas schemas() { return schemas; }

    private void admit(Connection c) throws ForbiddenException {
        Optional<Refusal> refusal = admission.check(c);
        if (refusal.isPresent()) throw new ForbiddenException(refusal.get().detail());
    }

    /** POST: a new resource. */
    public Written create(Connection c, ResourceType type, JsonNode body) throws ScimException {
        admit(c);
        ObjectNode canonical = validator.canonical(type, body);
        List<JsonNode> members = takeMembers(type, canonical).orElse(List.of());
        String id = ids.get();
        Instant now = now();
        StoredResource stored = compose(type, id, canonical, now, now, 1);
        IndexedValues idx = IndexedValues.of(type, parse(stored.body()));
        return store.transaction(tx -> {
            tx.insert(c.id(), stored, idx);
            if (!members.isEmpty()) tx.addMembers(c.id(), id, resolve(tx, c, id, members));
            ChangeRef change = tx.enqueue(c.id(), type, id, ChangeOperation.UPSERT, now);
            return new Written(stored, Optional.of(change));
        });
    }

    /** PUT: replaces the client-writable content; members are replaced only when the body lists them. */
    public Written replace(Connection c, ResourceType type, String id, JsonNode body, String ifMatch) throws ScimException {
        admit(c);
        ObjectNode canonical = validator.canonical(type, body);
        Optional<List<JsonNode>> members = takeMembers(type, canonical);
        return write(c, type, id, ifMatch, (tx, current) -> {
            if (members.isPresent()) {
                tx.removeAllMembers(c.id(), id);
                tx.addMembers(c.id(), id, resolve(tx, c, id, members.get()));
            }
            return canonical;
        });
    }

    /** PATCH: applies the operations; an empty list changes nothing. */
    public Written patch(Connection c, ResourceType type, String id, JsonNode body, String ifMatch) throws ScimException {
        List<PatchApplier.Operation> ops = patcher.parse(body);
        admit(c);
        if (ops.isEmpty()) {
            StoredResource current = get(c, type, id);
            new ResourceVersion(current.version()).checkIfMatch(ifMatch);
            return new Written(current, Optional.empty());
        }
        return write(c, type, id, ifMatch, (tx, current) -> {
            ObjectNode doc = parse(current.body());
            doc.remove("meta");
            doc.remove("id");
            PatchApplier.Result result = patcher.apply(type, doc, ops);
            for (PatchApplier.MemberChange change : result.memberChanges()) applyMemberChange(tx, c, id, change);
            ObjectNode canonical = validator.canonical(type, result.resource());
            takeMembers(type, canonical);
            return canonical;
        });
    }

    /** DELETE. */
    public ChangeRef delete(Connection c, ResourceType type, String id, String ifMatch) throws ScimException {
        admit(c);
        Instant now = now();
        return store.transaction(tx -> {
            StoredResource current = tx.find(c.id(), Optional.of(type), id).orElseThrow(() -> notFound(type, id));
            new ResourceVersion(current.version()).checkIfMatch(ifMatch);
            tx.delete(c.id(), type, id);
            return tx.enqueue(c.id(), type, id, ChangeOperation.DELETE, now);
        });
    }

    /** GET by id. */
    public StoredResource get(Connection c, ResourceType type, String id) throws ScimException {
        return store.find(c.id(), Optional.of(type), id).orElseThrow(() -> notFound(type, id));
    }

    /** The id of the resource a write produced (Bulk resolves bulkId references with it). */
    static ResourceNotFoundException notFound(ResourceType type, String id) {
        return new ResourceNotFoundException(type.scimName() + " " + id + " not found");
    }

    /** A search, rendered as a ListResponse in UTF-8 JSON. */
    public byte[] search(Connection c, URI base, ResourceQuery query, AttributeSelection selection) throws ScimException {
        SearchPage page = store.search(query);
        List<View> views = new ArrayList<>(page.resources().size());
        if (query.count() > 0) {
            boolean needsStore = page.resources().stream().anyMatch(r -> !page.targetStates().containsKey(r.id())
                    || r.type() == ResourceType.GROUP && selection.wants("members"));
            if (needsStore) {
                store.transaction(tx -> {
                    views.clear(); // a transaction may run again
                    for (StoredResource r : page.resources()) views.add(view(tx, c, r, selection));
                    return null;
                });
            } else {
                for (StoredResource r : page.resources()) views.add(new View(r, Optional.empty(), page.targetStates().get(r.id())));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 1024 * views.size());
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("schemas");
            g.writeString(ScimSchemas.LIST_RESPONSE);
            g.writeEndArray();
            g.writeNumberField("totalResults", page.totalResults());
            g.writeNumberField("startIndex", query.startIndex());
            g.writeNumberField("itemsPerPage", page.resources().size());
            if (query.count() > 0) {
                g.writeArrayFieldStart("Resources");
                for (View v : views) renderer.write(g, base, v.resource(), v.members(), v.target(), selection);
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** What a resource is rendered from: the resource, its members when they are wanted, its target state. */
    private record View(StoredResource resource, Optional<List<Member>> members, TargetState target) {}

    /** {@link #render} written as UTF-8 JSON, streamed from the stored resource. */
    public byte[] renderJson(Connection c, URI base, StoredResource r, AttributeSelection selection) throws ScimException {
        View v = store.transaction(tx -> view(tx, c, r, selection));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            renderer.write(g, base, v.resource(), v.members(), v.target(), selection);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** A resource rendered for a response, with its members and target state as stored now. */
    public ObjectNode render(Connection c, URI base, StoredResource r, AttributeSelection selection) throws ScimException {
        return store.transaction(tx -> view(tx, c, base, r, selection));
    }

    /** The resource as stored now (after a provisioning wait), rendered; its version may have moved on. */
    public ObjectNode renderCurrent(Connection c, URI base, StoredResource written, AttributeSelection selection) throws ScimException {
        return store.transaction(tx -> view(tx, c, base, tx.find(c.id(), Optional.of(written.type()), written.id()).orElse(written), selection));
    }

    private ObjectNode view(ResourceTransaction tx, Connection c, URI base, StoredResource r, AttributeSelection selection) throws SQLException {
        View v = view(tx, c, r, selection);
        return renderer.render(base, r, v.members(), v.target(), selection);
    }

    private static View view(ResourceTransaction tx, Connection c, StoredResource r, AttributeSelection selection) throws SQLException {
        Optional<List<Member>> members = r.type() == ResourceType.GROUP && selection.wants("members")
                ? Optional.of(tx.members(c.id(), r.id())) : Optional.empty();
        TargetState target = tx.targetState(c.id(), r.id()).orElse(TargetState.pending(r.id(), r.type()));
        return new View(r, members, target);
    }

    /** The content of an update, computed inside the write's transaction from the current resource. */
    @FunctionalInterface
    private interface Update {
        ObjectNode apply(ResourceTransaction tx, StoredResource current) throws SQLException, ScimException;
    }

    private Written write(Connection c, ResourceType type, String id, String ifMatch, Update update) throws ScimException {
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            try {
                return store.transaction(tx -> {
                StoredResource current = tx.find(c.id(), Optional.of(type), id).orElseThrow(() -> notFound(type, id));
                new ResourceVersion(current.version()).checkIfMatch(ifMatch);
                ObjectNode canonical = update.apply(tx, current);
                Instant now = now();
                if (!now.isAfter(current.lastModified())) now = current.lastModified().plusMillis(1);
                StoredResource next = compose(type, id, canonical, current.created(), now, current.version() + 1);
                JsonNode nextDoc = parse(next.body());
                if (!tx.update(c.id(), next, IndexedValues.of(type, nextDoc), current.version())) {
                    throw new Conflict();
                }
                boolean wasActive = !parse(current.body()).path("active").isBoolean() || parse(current.body()).path("active").booleanValue();
                boolean deactivated = wasActive && nextDoc.path("active").isBoolean() && !nextDoc.path("active").booleanValue();
                ChangeRef change = tx.enqueue(c.id(), type, id, deactivated ? ChangeOperation.DEACTIVATE : ChangeOperation.UPSERT, now);
                return new Written(next, Optional.of(change));
                });
            } catch (Conflict retry) {
                // re-read and re-apply on the newer version
            }
        }
        throw new ScimException(409, null, "the resource is being changed by concurrent requests; retry");
    }

    /** Another write changed the resource between our read and our update. */
    private static final class Conflict extends RuntimeException {
        Conflict() {
            super(null, null, false, false);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private StoredResource compose(ResourceType type, String id, ObjectNode canonical, Instant created, Instant lastModified, long version) {
        ObjectNode doc = json.createObjectNode();
        doc.set("schemas", canonical.get("schemas"));
        doc.put("id", id);
        Iterator<Map.Entry<String, JsonNode>> it = canonical.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("schemas")) doc.set(f.getKey(), f.getValue());
        }
        ObjectNode meta = doc.putObject("meta");
        meta.put("resourceType", type.scimName());
        meta.put("created", created.toString());
        meta.put("lastModified", lastModified.toString());
        meta.put("version", new ResourceVersion(version).etag());
        try {
            return new StoredResource(id, type, version, created, lastModified, json.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private ObjectNode parse(String body) {
        try {
            return (ObjectNode) json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored resource is not JSON", e);
        }
    }

    private static Optional<List<JsonNode>> takeMembers(ResourceType type, ObjectNode canonical) {
        if (type != ResourceType.GROUP) return Optional.empty();
        JsonNode members = canonical.remove("members");
        if (members == null) return Optional.empty();
        List<JsonNode> list = new ArrayList<>();
        members.forEach(list::add);
        return Optional.of(list);
    }

    private static List<Member> resolve(ResourceTransaction tx, Connection c, String groupId, List<JsonNode> members) throws SQLException, ScimException {
        Map<String, Member> resolved = new LinkedHashMap<>();
        for (JsonNode m : members) {
            JsonNode value = m.get("value");
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                throw BadRequestException.invalidValue("each member needs a 'value' holding the id of a User or Group");
            }
            String id = value.textValue();
            if (id.equals(groupId)) throw BadRequestException.invalidValue("a group cannot be a member of itself");
            ResourceType type = tx.typeOf(c.id(), id).orElseThrow(() ->
                    BadRequestException.invalidValue("member " + id + " is not a User or Group of this connection"));
            JsonNode display = m.get("display");
            resolved.put(id, new Member(id, type, display != null && display.isTextual() ? display.textValue() : null));
        }
        return List.copyOf(resolved.values());
    }

    private void applyMemberChange(ResourceTransaction tx, Connection c, String groupId, PatchApplier.MemberChange change) throws SQLException, ScimException {
        if (change instanceof PatchApplier.MemberChange.Add add) {
            tx.addMembers(c.id(), groupId, resolve(tx, c, groupId, add.members()));
        } else if (change instanceof PatchApplier.MemberChange.ReplaceAll all) {
            tx.removeAllMembers(c.id(), groupId);
            tx.addMembers(c.id(), groupId, resolve(tx, c, groupId, all.members()));
        } else if (change instanceof PatchApplier.MemberChange.Remove remove) {
            tx.removeMembers(c.id(), groupId, remove.ids());
        } else if (change instanceof PatchApplier.MemberChange.RemoveAll) {
            tx.removeAllMembers(c.id(), groupId);
        } else if (change instanceof PatchApplier.MemberChange.RemoveMatching matching) {
            List<String> ids = new ArrayList<>();
            for (Member m : tx.members(c.id(), groupId)) {
                ObjectNode element = json.createObjectNode().put("value", m.value()).put("type", m.type().scimName());
                if (m.display() != null) element.put("display", m.display());
                if (FilterEvaluator.evaluate(matching.filter(), element)) ids.add(m.value());
            }
            tx.removeMembers(c.id(), groupId, ids);
        }
    }

    /** Checks that every attribute a filter names exists in the schemas of the searched types (400 invalidFilter). */
    void checkFilterAttributes(Optional<ResourceType> type, Filter filter) throws BadRequestException {
        new FilterAttributeCheck(schemas).check(type, filter);
    }
}
