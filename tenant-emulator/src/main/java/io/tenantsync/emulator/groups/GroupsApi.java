package io.tenantsync.emulator.groups;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.audit.DirectoryAudits;
import io.tenantsync.emulator.directory.DirectoryCollections;
import io.tenantsync.emulator.directory.DirectoryLifecycle;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.ListQuery;
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.odata.FilterSchema;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryFilterSchema;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.store.IndexedProperty;
import io.tenantsync.emulator.users.UserSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /groups}: list, count, create, get, update and delete groups; direct and transitive membership with its
 * {@code $ref} writes; and the reverse view {@code /users/{id}/memberOf} and {@code /transitiveMemberOf}.
 */
public final class GroupsApi implements GraphApi {
    public static final DirectoryCollections.Kind GROUPS = new DirectoryCollections.Kind("group", false, DirectoryFilterSchema.GROUP,
            null, GroupSchema.NEVER_RETURNED, null, "groups");
    static final String DUPLICATE_MEMBER = "One or more added object references already exist for the following modified properties: 'members'.";
    private static final String READ = "Group.Read.All", READ_MEMBERS = "GroupMember.Read.All";
    private static final String WRITE = "Group.ReadWrite.All", WRITE_MEMBERS = "GroupMember.ReadWrite.All";

    /** Resolves the object a relationship hangs off and the set of objects the relationship holds. */
    @FunctionalInterface
    private interface Source {
        Memberships.Scope scope(Connection c, Caller caller, String id) throws SQLException;
    }

    private final Database db;
    private final DirectoryStore store;
    private final DirectoryCollections collections;
    private final DirectoryLifecycle lifecycle;
    private final DirectoryAudits audits;
    private final Memberships memberships;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public GroupsApi(Database db, DirectoryStore store, DirectoryCollections collections, DirectoryLifecycle lifecycle,
                     DirectoryAudits audits, ObjectMapper json, Clock clock, Supplier<UUID> ids) {
        this.db = db;
        this.store = store;
        this.collections = collections;
        this.lifecycle = lifecycle;
        this.audits = audits;
        this.memberships = new Memberships(store);
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void register(Routes routes) {
        routes.get("groups", call -> {
            call.caller().require(READ, READ_MEMBERS);
            return collections.list(call, GROUPS);
        });
        routes.get("groups/$count", call -> {
            call.caller().require(READ, READ_MEMBERS);
            return collections.count(call, GROUPS);
        });
        routes.post("groups", this::create);
        routes.get("groups/{id}", this::get);
        routes.patch("groups/{id}", this::update);
        routes.delete("groups/{id}", this::delete);

        Source members = (c, caller, id) -> Memberships.Scope.membersOf(caller.tenantId(), liveGroup(c, caller, id).id());
        Source transitiveMembers = (c, caller, id) -> {
            String g = liveGroup(c, caller, id).id();
            return Memberships.Scope.ids(Closure.from(g, x -> memberships.liveMembers(c, caller.tenantId(), x)));
        };
        Source groupMemberOf = (c, caller, id) -> Memberships.Scope.groupsOf(caller.tenantId(), liveGroup(c, caller, id).id());
        Source groupTransitiveMemberOf = (c, caller, id) -> {
            String g = liveGroup(c, caller, id).id();
            return Memberships.Scope.ids(Closure.from(g, x -> memberships.liveGroupsOf(c, caller.tenantId(), x)));
        };
        Source userMemberOf = (c, caller, id) -> Memberships.Scope.groupsOf(caller.tenantId(), liveUser(c, caller, id).id());
        Source userTransitiveMemberOf = (c, caller, id) -> {
            String u = liveUser(c, caller, id).id();
            return Memberships.Scope.ids(Closure.from(u, x -> memberships.liveGroupsOf(c, caller.tenantId(), x)));
        };
        relation(routes, "groups/{id}/members", members);
        relation(routes, "groups/{id}/transitiveMembers", transitiveMembers);
        relation(routes, "groups/{id}/memberOf", groupMemberOf);
        relation(routes, "groups/{id}/transitiveMemberOf", groupTransitiveMemberOf);
        relation(routes, "users/{id}/memberOf", userMemberOf);
        relation(routes, "users/{id}/transitiveMemberOf", userTransitiveMemberOf);

        routes.get("groups/{id}/members/$ref", call -> list(call, members, null, true));
        routes.post("groups/{id}/members/$ref", this::addMemberRef);
        routes.delete("groups/{id}/members/{memberId}/$ref", call -> removeMember(call, call.var("memberId")));
        routes.delete("groups/{id}/members/$ref", call -> removeMember(call, call.request().option("@id")
                .map(References::id).orElseThrow(() -> GraphException.badRequest("The @id query parameter naming the member is required."))));
    }

    /** A directoryObject relationship: the collection, its user and group casts, their {@code /$count} segments. */
    private void relation(Routes routes, String base, Source source) {
        routes.get(base, call -> list(call, source, null, false));
        routes.get(base + "/graph.user", call -> list(call, source, "user", false));
        routes.get(base + "/graph.group", call -> list(call, source, "group", false));
        routes.get(base + "/$count", call -> count(call, source, null));
        routes.get(base + "/graph.user/$count", call -> count(call, source, "user"));
        routes.get(base + "/graph.group/$count", call -> count(call, source, "group"));
        routes.get(base + "/{cast}", call -> {
            throw GraphException.unsupportedQuery("The OData cast '" + call.var("cast") + "' is not supported on this relationship; "
                    + "use graph.user or graph.group.");
        });
    }

    // ---- groups ----------------------------------------------------------------------------------------------

    /** A live group of the caller's tenant; 404 otherwise (including other tenants' groups and soft-deleted ones). */
    private DirectoryObject liveGroup(Connection c, Caller caller, String id) throws SQLException {
        return store.find(c, caller.tenantId(), id).filter(o -> o.type().equals("group") && !o.deleted())
                .orElseThrow(() -> GraphException.notFound(id));
    }

    /** A live user of the caller's tenant by id or UPN; 404 otherwise. */
    private DirectoryObject liveUser(Connection c, Caller caller, String key) throws SQLException {
        var found = key.contains("@") ? store.findByUpn(c, caller.tenantId(), key) : store.find(c, caller.tenantId(), key);
        return found.filter(o -> o.type().equals("user") && !o.deleted()).orElseThrow(() -> GraphException.notFound(key));
    }

    private GraphResponse get(GraphCall call) {
        call.caller().require(READ, READ_MEMBERS);
        DirectoryObject g = db.transaction(c -> liveGroup(c, call.caller(), call.var("id")));
        return GraphResponse.ok(collections.single(call.request(), g, GROUPS));
    }

    private GraphResponse create(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        GroupSchema.GroupWrite w = GroupSchema.validate(GraphJson.object(json, call.request()));
        Instant now = clock.instant();
        String id = ids.get().toString();
        ObjectNode group = newGroup(id, now, w.properties());
        GroupSchema.checkKind(group);
        if (GroupSchema.isUnified(group)) {
            String mail = group.get("mailNickname").asText() + "@" + caller.tenant().initialDomain();
            group.put("mail", mail);
            group.putArray("proxyAddresses").add("SMTP:" + mail);
            if (!group.hasNonNull("visibility")) group.put("visibility", "Public");
        }
        DirectoryObject created = db.transaction(c -> {
            String mail = group.path("mail").asText(null);
            if (mail != null && store.taken(c, caller.tenantId(), IndexedProperty.MAIL, mail, null)) {
                throw GraphException.badRequest("Another object with the same value for property proxyAddresses already exists.");
            }
            DirectoryObject o = store.insert(c, new DirectoryObject(caller.tenantId(), id, "group", group, now, null, null, 0));
            audits.record(c, caller, "GroupManagement", "Add group", "Add", target(o));
            if (w.memberRefs() != null) addMembers(c, caller, o, w.memberRefs());
            return o;
        });
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", call.request().serviceRoot() + "/$metadata#groups/$entity");
        out.setAll(Projection.project(created.body(), List.of(), null, GroupSchema.NEVER_RETURNED, null));
        return GraphResponse.created(out, call.request().serviceRoot() + "/groups/" + id);
    }

    /** A new group's full body: every property Graph returns, defaults first, then what the client sent. */
    private ObjectNode newGroup(String id, Instant now, ObjectNode sent) {
        ObjectNode g = json.createObjectNode();
        g.put("id", id);
        g.putNull("deletedDateTime");
        g.putNull("classification");
        g.put("createdDateTime", now.toString());
        g.putArray("creationOptions");
        g.putNull("description");
        g.putNull("displayName");
        g.putNull("expirationDateTime");
        g.putArray("groupTypes");
        g.putNull("isAssignableToRole");
        g.putNull("mail");
        g.putNull("mailEnabled");
        g.putNull("mailNickname");
        g.putNull("membershipRule");
        g.putNull("membershipRuleProcessingState");
        g.putNull("onPremisesSyncEnabled");
        g.putNull("preferredDataLocation");
        g.putNull("preferredLanguage");
        g.putArray("proxyAddresses");
        g.put("renewedDateTime", now.toString());
        g.putArray("resourceBehaviorOptions");
        g.putArray("resourceProvisioningOptions");
        g.putNull("securityEnabled");
        g.put("securityIdentifier", securityIdentifier(id));
        g.putNull("theme");
        g.putNull("visibility");
        g.setAll(sent);
        return g;
    }

    /** The Windows SID Entra derives from a group's object id: S-1-12-1 and the GUID's bytes as four little-endian integers. */
    static String securityIdentifier(String objectId) {
        UUID u = UUID.fromString(objectId);
        long hi = u.getMostSignificantBits(), lo = u.getLeastSignificantBits();
        long data1 = hi >>> 32, data2 = (hi >>> 16) & 0xFFFF, data3 = hi & 0xFFFF;
        long part2 = data2 | (data3 << 16);
        long part3 = Long.reverseBytes(lo) & 0xFFFFFFFFL;       // Data4 bytes 0..3, little-endian
        long part4 = (Long.reverseBytes(lo) >>> 32) & 0xFFFFFFFFL; // Data4 bytes 4..7, little-endian
        return "S-1-12-1-" + data1 + "-" + part2 + "-" + part3 + "-" + part4;
    }

    private GraphResponse update(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        GroupSchema.GroupWrite w = GroupSchema.validate(GraphJson.object(json, call.request()));
        db.transaction(c -> {
            DirectoryObject g = liveGroup(c, caller, call.var("id"));
            if (!w.properties().isEmpty()) {
                ObjectNode next = g.body().deepCopy();
                w.properties().properties().forEach(e -> next.set(e.getKey(), e.getValue()));
                if (!next.has("groupTypes") || next.get("groupTypes").isNull()) next.putArray("groupTypes");
                if (GroupSchema.isUnified(next) != GroupSchema.isUnified(g.body())) {
                    throw GraphException.badRequest("The 'Unified' group type cannot be added or removed after a group is created.");
                }
                GroupSchema.checkKind(next);
                g = store.update(c, g.withBody(next), DirectoryStore.UPSERT);
                audits.record(c, caller, "GroupManagement", "Update group", "Update", target(g));
            }
            if (w.memberRefs() != null) addMembers(c, caller, g, w.memberRefs());
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse delete(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        db.transaction(c -> {
            DirectoryObject g = liveGroup(c, caller, call.var("id"));
            if (GroupSchema.isUnified(g.body())) {
                lifecycle.softDelete(c, g); // restorable with its memberships, like a user
            } else {
                // a purge drops the group's own MEMBERSHIP rows too; the groups it was nested in lose a member
                for (String parent : memberships.allGroupsOf(c, caller.tenantId(), g.id())) {
                    store.appendChange(c, caller.tenantId(), "group", parent, DirectoryStore.MEMBER_REMOVED, g.id());
                }
                store.purge(c, g);
            }
            audits.record(c, caller, "GroupManagement", "Delete group", "Delete", target(g));
            return null;
        });
        return GraphResponse.noContent();
    }

    // ---- membership writes -------------------------------------------------------------------------------------

    private GraphResponse addMemberRef(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE, WRITE_MEMBERS);
        ObjectNode body = GraphJson.object(json, call.request());
        if (!body.path("@odata.id").isTextual()) {
            throw GraphException.badRequest("Invalid value specified for property '@odata.id' of resource 'DirectoryObject'.");
        }
        String memberId = References.id(body.get("@odata.id").asText());
        db.transaction(c -> {
            addMembers(c, caller, liveGroup(c, caller, call.var("id")), List.of(memberId));
            return null;
        });
        return GraphResponse.noContent();
    }

    /** Adds members to a live group: each must be a live user or group of the tenant (404) and not yet a member (400). */
    private void addMembers(Connection c, Caller caller, DirectoryObject group, List<String> memberIds) throws SQLException {
        for (String memberId : memberIds) {
            DirectoryObject m = store.find(c, caller.tenantId(), memberId)
                    .filter(o -> !o.deleted() && (o.type().equals("user") || o.type().equals("group")))
                    .orElseThrow(() -> GraphException.notFound(memberId));
            if (m.id().equals(group.id())) {
                throw GraphException.badRequest("A group cannot be a member of itself.");
            }
            if (m.type().equals("group") && GroupSchema.isUnified(group.body())) {
                throw GraphException.badRequest("Nested groups are not supported for Microsoft 365 groups; only users can be members.");
            }
            if (!memberships.add(c, caller.tenantId(), group.id(), m.id())) {
                throw GraphException.badRequest(DUPLICATE_MEMBER);
            }
            audits.record(c, caller, "GroupManagement", "Add member to group", "Assign", target(m));
        }
    }

    private GraphResponse removeMember(GraphCall call, String memberId) {
        Caller caller = call.caller();
        caller.require(WRITE, WRITE_MEMBERS);
        db.transaction(c -> {
            DirectoryObject g = liveGroup(c, caller, call.var("id"));
            // a soft-deleted member is hidden, so it cannot be removed either (its row waits for restore or purge)
            DirectoryObject m = store.find(c, caller.tenantId(), memberId).filter(o -> !o.deleted())
                    .orElseThrow(() -> GraphException.notFound(memberId));
            if (!memberships.remove(c, caller.tenantId(), g.id(), m.id())) throw GraphException.notFound(memberId);
            audits.record(c, caller, "GroupManagement", "Remove member from group", "Unassign", target(m));
            return null;
        });
        return GraphResponse.noContent();
    }

    private static DirectoryAudits.Target target(DirectoryObject o) {
        boolean user = o.type().equals("user");
        return new DirectoryAudits.Target(o.id(), user ? "User" : "Group", o.body().path("displayName").asText(null),
                user ? o.body().path("userPrincipalName").asText(null) : null);
    }

    // ---- relationship reads ------------------------------------------------------------------------------------

    private static FilterSchema schema(String castType) {
        if (castType == null) return DirectoryObjectFilterSchema.INSTANCE;
        return castType.equals("user") ? DirectoryFilterSchema.USER : DirectoryFilterSchema.GROUP;
    }

    /** One page of a relationship: objects with {@code @odata.type}, or with {@code refs} only their {@code @odata.id}. */
    private GraphResponse list(GraphCall call, Source source, String castType, boolean refs) {
        Caller caller = call.caller();
        caller.require(READ, READ_MEMBERS);
        GraphRequest req = call.request();
        ListQuery q = ListQuery.of(req, schema(castType));
        record Page(List<DirectoryObject> rows, boolean more, Long count) {}
        Page page = db.transaction(c -> {
            Memberships.Scope scope = source.scope(c, caller, call.var("id"));
            List<Memberships.Ref> found = memberships.page(c, caller.tenantId(), scope, castType, q, q.top() + 1);
            boolean more = found.size() > q.top();
            List<DirectoryObject> rows = new ArrayList<>();
            for (Memberships.Ref r : more ? found.subList(0, q.top()) : found) {
                store.find(c, caller.tenantId(), r.id()).ifPresent(rows::add);
            }
            Long count = q.count() ? memberships.count(c, caller.tenantId(), scope, castType, q) : null;
            return new Page(rows, more, count);
        });
        ObjectNode body = json.createObjectNode();
        String set = castType == null || refs ? "directoryObjects" : castType + "s";
        body.put("@odata.context", req.serviceRoot() + "/$metadata#" + set);
        if (page.count() != null) body.put("@odata.count", page.count());
        if (page.more()) {
            DirectoryObject last = page.rows().get(page.rows().size() - 1);
            body.put("@odata.nextLink", ListQuery.nextLink(req, q.next(last.id(), page.rows().size())));
        }
        ArrayNode value = body.putArray("value");
        for (DirectoryObject o : page.rows()) {
            if (refs) {
                value.addObject().put("@odata.id", References.url(req.serviceRoot(), o.id(), o.type()));
            } else {
                boolean user = o.type().equals("user");
                value.add(Projection.project(o.body(), q.select(), user ? UserSchema.DEFAULT_SELECT : null,
                        user ? UserSchema.NEVER_RETURNED : GroupSchema.NEVER_RETURNED, "#microsoft.graph." + o.type()));
            }
        }
        return GraphResponse.ok(body);
    }

    /** The {@code /$count} segment of a relationship: needs {@code ConsistencyLevel: eventual}; plain text. */
    private GraphResponse count(GraphCall call, Source source, String castType) {
        Caller caller = call.caller();
        caller.require(READ, READ_MEMBERS);
        GraphRequest req = call.request();
        if (!req.eventualConsistency()) throw GraphException.badRequest("$count is not currently supported.");
        var query = new LinkedHashMap<>(req.query());
        query.put("$count", "true");
        ListQuery q = ListQuery.of(new GraphRequest(req.method(), req.version(), req.segments(), query, req.headers(), req.body(),
                req.serviceRoot(), req.requestId()), schema(castType));
        long n = db.transaction(c -> memberships.count(c, caller.tenantId(), source.scope(c, caller, call.var("id")), castType, q));
        return GraphResponse.text(Long.toString(n));
    }
}
