package io.tenantsync.emulator.directory.deleted;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.odata.ODataSelect;
import io.tenantsync.emulator.odata.ODataSyntaxException;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryFilterSchema;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.users.UserSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /directory/deletedItems}: the recycle bin of soft-deleted users and groups. Listing needs an OData cast
 * segment; single items can be read, restored or deleted for good. Objects past retention are purged before any
 * read, so nothing older than the retention window ever shows.
 */
public final class DeletedItemsApi implements GraphApi {
    /** Deleted users: the default user properties plus when they were deleted. */
    public static final DirectoryCollections.Kind USERS = new DirectoryCollections.Kind("user", true, DirectoryFilterSchema.USER,
            withDeletedDateTime(UserSchema.DEFAULT_SELECT), UserSchema.NEVER_RETURNED, "#microsoft.graph.user",
            "directory/deletedItems/microsoft.graph.user");
    /** Deleted groups: every stored group property. */
    public static final DirectoryCollections.Kind GROUPS = new DirectoryCollections.Kind("group", true, DirectoryFilterSchema.GROUP,
            null, Set.of(), "#microsoft.graph.group", "directory/deletedItems/microsoft.graph.group");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Database db;
    private final DirectoryStore store;
    private final DirectoryCollections collections;
    private final DirectoryLifecycle lifecycle;
    private final DirectoryAudits audits;
    private final ObjectMapper json;

    public DeletedItemsApi(Database db, DirectoryStore store, DirectoryCollections collections, DirectoryLifecycle lifecycle,
                           DirectoryAudits audits, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.collections = collections;
        this.lifecycle = lifecycle;
        this.audits = audits;
        this.json = json;
    }

    private static List<String> withDeletedDateTime(List<String> defaults) {
        List<String> all = new ArrayList<>(defaults);
        all.add("deletedDateTime");
        return List.copyOf(all);
    }

    @Override
    public void register(Routes routes) {
        routes.get("directory/deletedItems", call -> {
            throw GraphException.badRequest("Listing deleted items needs an OData cast segment for the type, e.g. "
                    + "/directory/deletedItems/microsoft.graph.user or /directory/deletedItems/microsoft.graph.group.");
        });
        routes.get("directory/deletedItems/graph.user", call -> list(call, USERS));
        routes.get("directory/deletedItems/graph.group", call -> list(call, GROUPS));
        routes.get("directory/deletedItems/graph.user/$count", call -> count(call, USERS));
        routes.get("directory/deletedItems/graph.group/$count", call -> count(call, GROUPS));
        routes.get("directory/deletedItems/{id}", call -> get(call, null));
        routes.get("directory/deletedItems/{id}/graph.user", call -> get(call, "user"));
        routes.get("directory/deletedItems/{id}/graph.group", call -> get(call, "group"));
        routes.post("directory/deletedItems/{id}/restore", this::restore);
        routes.delete("directory/deletedItems/{id}", this::hardDelete);
    }

    private static String readRole(String type) {
        return "group".equals(type) ? "Group.Read.All" : "User.Read.All";
    }

    private static String writeRole(String type) {
        return "group".equals(type) ? "Group.ReadWrite.All" : "User.ReadWrite.All";
    }

    private void purgeExpired() {
        db.transaction(lifecycle::purgeExpired);
    }

    private GraphResponse list(GraphCall call, DirectoryCollections.Kind kind) {
        call.caller().require(readRole(kind.type()));
        purgeExpired();
        return collections.list(call, kind);
    }

    private GraphResponse count(GraphCall call, DirectoryCollections.Kind kind) {
        call.caller().require(readRole(kind.type()));
        purgeExpired();
        return collections.count(call, kind);
    }

    /**
     * A soft-deleted user or group of the caller's tenant; 404 for live, purged, other tenants' objects, and when
     * {@code type} (a cast) is given and does not match. Casts to other types are 400 (not kept in the recycle bin).
     */
    private DirectoryObject deleted(Connection c, Caller caller, String id, String type) throws SQLException {
        if (id.toLowerCase(Locale.ROOT).startsWith("graph.")) {
            throw GraphException.badRequest("Deleted items of type '" + id.substring("graph.".length()) + "' are not supported; "
                    + "use microsoft.graph.user or microsoft.graph.group.");
        }
        if (!GUID.matcher(id).matches()) throw GraphException.notFound(id);
        return store.find(c, caller.tenantId(), id)
                .filter(DirectoryObject::deleted)
                .filter(o -> o.type().equals("user") || o.type().equals("group"))
                .filter(o -> type == null || o.type().equals(type))
                .orElseThrow(() -> GraphException.notFound(id));
    }

    private GraphResponse get(GraphCall call, String cast) {
        Caller caller = call.caller();
        caller.require("User.Read.All", "Group.Read.All");
        purgeExpired();
        DirectoryObject o = db.transaction(c -> deleted(c, caller, call.var("id"), cast));
        caller.require(readRole(o.type()));
        return GraphResponse.ok(render(call.request(), o, select(call.request())));
    }

    private GraphResponse restore(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All", "Group.ReadWrite.All");
        String newUpn = newUserPrincipalName(call);
        purgeExpired();
        DirectoryObject restored = db.transaction(c -> {
            DirectoryObject o = deleted(c, caller, call.var("id"), null);
            caller.require(writeRole(o.type()));
            if (newUpn != null && !o.type().equals("user")) {
                throw GraphException.badRequest("newUserPrincipalName applies to users only.");
            }
            DirectoryObject r = lifecycle.restore(c, o, newUpn);
            audit(c, caller, r, "Restore", "Restore");
            return r;
        });
        return GraphResponse.ok(render(call.request(), restored, List.of()));
    }

    /** The optional {@code newUserPrincipalName} of a restore body (the SDK sends none); its domain must be the tenant's. */
    private String newUserPrincipalName(GraphCall call) {
        GraphRequest req = call.request();
        if (req.body().length == 0) return null;
        ObjectNode body = GraphJson.object(json, req);
        for (var name : (Iterable<String>) body::fieldNames) {
            if (!name.equals("newUserPrincipalName") && !name.equals("autoReconcileProxyConflict") && !name.startsWith("@odata.")) {
                throw GraphException.badRequest("Property '" + name + "' does not exist as a declared parameter of the restore action.");
            }
        }
        if (body.has("autoReconcileProxyConflict") && !body.get("autoReconcileProxyConflict").isBoolean()) {
            throw GraphException.badRequest("Invalid value specified for parameter 'autoReconcileProxyConflict'.");
        }
        if (!body.hasNonNull("newUserPrincipalName")) return null;
        String upn = body.get("newUserPrincipalName").asText();
        int at = upn.indexOf('@');
        if (!body.get("newUserPrincipalName").isTextual() || at <= 0 || at != upn.lastIndexOf('@')
                || !call.caller().tenant().ownsDomain(upn.substring(at + 1))) {
            throw GraphException.badRequest("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
        }
        return upn;
    }

    private GraphResponse hardDelete(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All", "Group.ReadWrite.All");
        purgeExpired();
        db.transaction(c -> {
            DirectoryObject o = deleted(c, caller, call.var("id"), null);
            caller.require(writeRole(o.type()));
            store.purge(c, o);
            audit(c, caller, o, "Hard delete", "Delete");
            return null;
        });
        return GraphResponse.noContent();
    }

    private void audit(Connection c, Caller caller, DirectoryObject o, String verb, String operationType) throws SQLException {
        boolean user = o.type().equals("user");
        audits.record(c, caller, user ? "UserManagement" : "GroupManagement", verb + (user ? " user" : " group"), operationType,
                new DirectoryAudits.Target(o.id(), user ? "User" : "Group", o.body().path("displayName").asText(null),
                        user ? o.body().path("userPrincipalName").asText(null) : null));
    }

    private static List<String> select(GraphRequest req) {
        try {
            return req.option("$select").map(ODataSelect::parse).orElse(List.of());
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        }
    }

    /** One deleted or restored object as a typed directoryObject entity. */
    private ObjectNode render(GraphRequest req, DirectoryObject o, List<String> select) {
        DirectoryCollections.Kind kind = o.type().equals("user") ? USERS : GROUPS;
        List<String> defaults = o.deleted() ? kind.defaultSelect() : o.type().equals("user") ? UserSchema.DEFAULT_SELECT : null;
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", req.serviceRoot() + "/$metadata#directoryObjects/$entity");
        out.setAll(Projection.project(o.body(), select, defaults, kind.neverReturned(), kind.odataType()));
        return out;
    }
}
