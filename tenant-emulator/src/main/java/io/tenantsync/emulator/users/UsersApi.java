package io.tenantsync.emulator.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.audit.DirectoryAudits;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.directory.DirectoryCollections;
import io.tenantsync.emulator.directory.DirectoryLifecycle;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryFilterSchema;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.store.IndexedProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /users}: list, get by id or UPN, create, update, soft delete, and the manager reference. */
public final class UsersApi implements GraphApi {
    public static final DirectoryCollections.Kind USERS = new DirectoryCollections.Kind("user", false, DirectoryFilterSchema.USER,
            UserSchema.DEFAULT_SELECT, UserSchema.NEVER_RETURNED, null, "users");
    private static final Pattern UPN_LOCAL = Pattern.compile("[A-Za-z0-9'.\\-_!#^~]{1,113}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Database db;
    private final DirectoryStore store;
    private final DirectoryCollections collections;
    private final DirectoryLifecycle lifecycle;
    private final DirectoryAudits audits;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public UsersApi(Database db, DirectoryStore store, DirectoryCollections collections, DirectoryLifecycle lifecycle,
                    DirectoryAudits audits, ObjectMapper json, Clock clock, Supplier<UUID> ids) {
        this.db = db;
        this.store = store;
        this.collections = collections;
        this.lifecycle = lifecycle;
        this.audits = audits;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void register(Routes routes) {
        routes.get("users", call -> {
            call.caller().require("User.Read.All");
            return collections.list(call, USERS);
        });
        routes.get("users/$count", call -> {
            call.caller().require("User.Read.All");
            return collections.count(call, USERS);
        });
        routes.post("users", this::create);
        routes.get("users/{id}", this::get);
        routes.patch("users/{id}", this::update);
        routes.delete("users/{id}", this::delete);
        routes.get("users/{id}/manager", this::getManager);
        routes.get("users/{id}/manager/$ref", this::getManagerRef);
        routes.put("users/{id}/manager/$ref", this::setManager);
        routes.delete("users/{id}/manager/$ref", this::removeManager);
    }

    /** A live user of the caller's tenant by object id or UPN; 404 otherwise (including other tenants' users). */
    public DirectoryObject live(Connection c, Caller caller, String key) throws SQLException {
        var found = key.contains("@") ? store.findByUpn(c, caller.tenantId(), key)
                : GUID.matcher(key).matches() ? store.find(c, caller.tenantId(), key) : java.util.Optional.<DirectoryObject>empty();
        return found.filter(o -> o.type().equals("user") && !o.deleted()).orElseThrow(() -> GraphException.notFound(key));
    }

    private GraphResponse get(GraphCall call) {
        call.caller().require("User.Read.All");
        DirectoryObject u = db.transaction(c -> live(c, call.caller(), call.var("id")));
        ObjectNode body = collections.single(call.request(), u, USERS);
        if (call.request().option("$expand").map(e -> e.trim().equalsIgnoreCase("manager")).orElse(false)) {
            DirectoryObject m = u.managerId() == null ? null
                    : db.transaction(c -> store.find(c, u.tenantId(), u.managerId()).filter(x -> !x.deleted()).orElse(null));
            if (m != null) body.set("manager", managerView(m));
        } else if (call.request().option("$expand").isPresent()) {
            throw GraphException.badRequest("Parsing OData Select and Expand failed: only $expand=manager is supported on users.");
        }
        return GraphResponse.ok(body);
    }

    private GraphResponse create(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All");
        ObjectNode body = UserSchema.validate(GraphJson.object(json, call.request()));
        for (String required : List.of("accountEnabled", "displayName", "mailNickname", "userPrincipalName")) {
            if (!body.hasNonNull(required)) {
                throw GraphException.badRequest("Invalid value specified for property '" + required + "' of resource 'User'.");
            }
        }
        if (!body.path("passwordProfile").hasNonNull("password")) {
            throw GraphException.badRequest("Invalid value specified for property 'passwordProfile' of resource 'User'.");
        }
        checkUpn(caller.tenant(), body.get("userPrincipalName").asText());
        body.remove("passwordProfile"); // write-only: accepted, never stored in clear
        Instant now = clock.instant();
        String id = ids.get().toString();
        ObjectNode user = json.createObjectNode();
        user.put("id", id);
        user.put("createdDateTime", now.toString());
        user.put("userType", "Member");
        user.putNull("creationType");
        user.putNull("externalUserState");
        user.setAll(body);
        ArrayNode identities = user.putArray("identities");
        ObjectNode identity = identities.addObject();
        identity.put("signInType", "userPrincipalName");
        identity.put("issuer", caller.tenant().initialDomain());
        identity.put("issuerAssignedId", body.get("userPrincipalName").asText());
        fillDerived(user);
        DirectoryObject created = db.transaction(c -> {
            ensureUnique(c, caller, user, null);
            DirectoryObject o = store.insert(c, new DirectoryObject(caller.tenantId(), id, "user", user, now, null, null, 0));
            audits.record(c, caller, "UserManagement", "Add user", "Add",
                    new DirectoryAudits.Target(id, "User", user.path("displayName").asText(null), user.path("userPrincipalName").asText(null)));
            return o;
        });
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", call.request().serviceRoot() + "/$metadata#users/$entity");
        out.setAll(Projection.project(created.body(), List.of(), null, UserSchema.NEVER_RETURNED, null));
        return GraphResponse.created(out, call.request().serviceRoot() + "/users/" + id);
    }

    private GraphResponse update(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All");
        ObjectNode patch = UserSchema.validate(GraphJson.object(json, call.request()));
        patch.remove("passwordProfile");
        if (patch.has("userPrincipalName")) {
            if (!patch.hasNonNull("userPrincipalName")) {
                throw GraphException.badRequest("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
            }
        }
        db.transaction(c -> {
            DirectoryObject u = live(c, caller, call.var("id"));
            if (patch.hasNonNull("userPrincipalName") && !"Invitation".equals(u.body().path("creationType").asText(null))) {
                checkUpn(caller.tenant(), patch.get("userPrincipalName").asText());
            }
            ObjectNode next = u.body().deepCopy();
            apply(next, patch);
            fillDerived(next);
            ensureUnique(c, caller, next, u.id());
            store.update(c, u.withBody(next), DirectoryStore.UPSERT);
            audits.record(c, caller, "UserManagement", "Update user", "Update",
                    new DirectoryAudits.Target(u.id(), "User", next.path("displayName").asText(null), next.path("userPrincipalName").asText(null)));
            return null;
        });
        return GraphResponse.noContent();
    }

    /** Merges a PATCH body: null clears, extension attributes merge one by one. */
    static void apply(ObjectNode target, ObjectNode patch) {
        patch.properties().forEach(e -> {
            if (e.getKey().equals("onPremisesExtensionAttributes") && e.getValue().isObject()) {
                ObjectNode ext = target.with("onPremisesExtensionAttributes");
                e.getValue().properties().forEach(x -> {
                    if (!x.getKey().startsWith("@odata.")) ext.set(x.getKey(), x.getValue());
                });
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    /** Properties the directory derives: proxyAddresses from mail, complete extension-attribute set. */
    static void fillDerived(ObjectNode user) {
        ObjectNode ext = user.with("onPremisesExtensionAttributes");
        for (int i = 1; i <= 15; i++) {
            if (!ext.has("extensionAttribute" + i)) ext.putNull("extensionAttribute" + i);
        }
        var proxies = user.putArray("proxyAddresses");
        if (user.hasNonNull("mail")) proxies.add("SMTP:" + user.get("mail").asText());
        if (!user.has("otherMails")) user.putArray("otherMails");
        if (!user.has("businessPhones")) user.putArray("businessPhones");
    }

    private void ensureUnique(Connection c, Caller caller, ObjectNode user, String exceptId) throws SQLException {
        String upn = user.path("userPrincipalName").asText(null);
        if (upn != null && store.taken(c, caller.tenantId(), IndexedProperty.USER_PRINCIPAL_NAME, upn, exceptId)) {
            throw GraphException.badRequest("Another object with the same value for property userPrincipalName already exists.");
        }
    }

    /** A UPN must be alias@domain with allowed characters and a domain the tenant has verified. */
    static void checkUpn(TenantConfig tenant, String upn) {
        int at = upn.lastIndexOf('@');
        if (at <= 0 || at != upn.indexOf('@') || !UPN_LOCAL.matcher(upn.substring(0, at)).matches()
                || upn.startsWith(".") || upn.substring(0, at).endsWith(".")) {
            throw GraphException.badRequest("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
        }
        String domain = upn.substring(at + 1);
        if (!tenant.ownsDomain(domain)) {
            throw GraphException.badRequest("The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.");
        }
    }

    private GraphResponse delete(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All");
        db.transaction(c -> {
            DirectoryObject u = live(c, caller, call.var("id"));
            lifecycle.softDelete(c, u);
            audits.record(c, caller, "UserManagement", "Delete user", "Delete",
                    new DirectoryAudits.Target(u.id(), "User", u.body().path("displayName").asText(null), u.body().path("userPrincipalName").asText(null)));
            return null;
        });
        return GraphResponse.noContent();
    }

    private ObjectNode managerView(DirectoryObject m) {
        ObjectNode v = Projection.project(m.body(), List.of(), "user".equals(m.type()) ? UserSchema.DEFAULT_SELECT : null,
                UserSchema.NEVER_RETURNED, "#microsoft.graph." + m.type());
        return v;
    }

    private GraphResponse getManager(GraphCall call) {
        call.caller().require("User.Read.All");
        DirectoryObject m = db.transaction(c -> {
            DirectoryObject u = live(c, call.caller(), call.var("id"));
            if (u.managerId() == null) return null;
            return store.find(c, u.tenantId(), u.managerId()).filter(x -> !x.deleted()).orElse(null);
        });
        if (m == null) throw GraphException.notFound("manager");
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", call.request().serviceRoot() + "/$metadata#directoryObjects/$entity");
        out.setAll(managerView(m));
        return GraphResponse.ok(out);
    }

    private GraphResponse getManagerRef(GraphCall call) {
        call.caller().require("User.Read.All");
        String managerId = db.transaction(c -> live(c, call.caller(), call.var("id")).managerId());
        if (managerId == null) throw GraphException.notFound("manager");
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", call.request().serviceRoot() + "/$metadata#directoryObjects/$ref");
        out.put("@odata.id", call.request().serviceRoot() + "/directoryObjects/" + managerId + "/Microsoft.DirectoryServices.User");
        return GraphResponse.ok(out);
    }

    private GraphResponse setManager(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All");
        String managerId = referencedId(GraphJson.object(json, call.request()));
        db.transaction(c -> {
            DirectoryObject u = live(c, caller, call.var("id"));
            DirectoryObject m = store.find(c, caller.tenantId(), managerId).filter(x -> !x.deleted())
                    .orElseThrow(() -> GraphException.notFound(managerId));
            if (m.id().equals(u.id())) throw GraphException.badRequest("A user cannot be their own manager.");
            store.update(c, u.withManager(m.id()), DirectoryStore.UPSERT);
            audits.record(c, caller, "UserManagement", "Set user manager", "Assign",
                    new DirectoryAudits.Target(u.id(), "User", u.body().path("displayName").asText(null), u.body().path("userPrincipalName").asText(null)));
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse removeManager(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.ReadWrite.All");
        db.transaction(c -> {
            DirectoryObject u = live(c, caller, call.var("id"));
            if (u.managerId() == null) throw GraphException.notFound("manager");
            store.update(c, u.withManager(null), DirectoryStore.UPSERT);
            audits.record(c, caller, "UserManagement", "Remove user manager", "Unassign",
                    new DirectoryAudits.Target(u.id(), "User", u.body().path("displayName").asText(null), u.body().path("userPrincipalName").asText(null)));
            return null;
        });
        return GraphResponse.noContent();
    }

    /** The object id at the end of an {@code @odata.id} reference URL (any host; …/directoryObjects|users|groups/{id}). */
    public static String referencedId(JsonNode body) {
        String ref = body.path("@odata.id").asText("");
        String trimmed = ref.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (last.startsWith("Microsoft.DirectoryServices.")) {
            trimmed = trimmed.substring(0, trimmed.lastIndexOf('/'));
            last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
        if (!GUID.matcher(last).matches()) {
            throw GraphException.badRequest("Invalid object identifier '" + ref + "'.");
        }
        return last.toLowerCase(Locale.ROOT);
    }

    /** The user properties a response may name, for callers outside this package. */
    public static Set<String> propertyNames() { return UserSchema.names(); }
}
