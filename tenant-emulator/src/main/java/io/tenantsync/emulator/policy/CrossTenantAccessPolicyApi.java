package io.tenantsync.emulator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.audit.DirectoryAudits;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.odata.FilterExpr;
import io.tenantsync.emulator.odata.JsonFilterEvaluator;
import io.tenantsync.emulator.odata.ODataFilterParser;
import io.tenantsync.emulator.odata.ODataSelect;
import io.tenantsync.emulator.odata.ODataSyntaxException;
import io.tenantsync.emulator.odata.UnsupportedQueryException;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /policies/crossTenantAccessPolicy}: the tenant-wide policy, the default configuration, partner
 * configurations and their identitySynchronization policies, with the status codes and errors of graph.md §7.
 */
public final class CrossTenantAccessPolicyApi implements GraphApi {
    private static final String ROOT = "policies/crossTenantAccessPolicy";
    private static final String READ = "Policy.Read.All", WRITE = "Policy.ReadWrite.CrossTenantAccess";
    private static final String CATEGORY = "Policy";

    private final Database db;
    private final CrossTenantPolicyStore policies;
    private final DirectoryAudits audits;
    private final ObjectMapper json;

    public CrossTenantAccessPolicyApi(Database db, CrossTenantPolicyStore policies, DirectoryAudits audits, ObjectMapper json) {
        this.db = db;
        this.policies = policies;
        this.audits = audits;
        this.json = json;
    }

    @Override
    public void register(Routes routes) {
        routes.get(ROOT, this::getPolicy);
        routes.patch(ROOT, this::patchPolicy);
        routes.get(ROOT + "/default", this::getDefault);
        routes.patch(ROOT + "/default", this::patchDefault);
        routes.post(ROOT + "/default/resetToSystemDefault", this::resetDefault);
        routes.get(ROOT + "/partners", this::listPartners);
        routes.post(ROOT + "/partners", this::createPartner);
        routes.get(ROOT + "/partners/{tenantId}", this::getPartner);
        routes.patch(ROOT + "/partners/{tenantId}", this::patchPartner);
        routes.delete(ROOT + "/partners/{tenantId}", this::deletePartner);
        routes.get(ROOT + "/partners/{tenantId}/identitySynchronization", this::getSync);
        routes.put(ROOT + "/partners/{tenantId}/identitySynchronization", this::putSync);
        routes.patch(ROOT + "/partners/{tenantId}/identitySynchronization", this::patchSync);
        routes.delete(ROOT + "/partners/{tenantId}/identitySynchronization", this::deleteSync);
    }

    /** The error Graph gives for a partner or identitySynchronization object that does not exist. */
    static GraphException missing() {
        return new GraphException(404, "Directory_ObjectNotFound", "Unable to read the company information from the directory.");
    }

    // ---- tenant-wide policy and default configuration

    private GraphResponse getPolicy(GraphCall call) {
        call.caller().require(READ, WRITE);
        ObjectNode p = db.transaction(c -> policies.tenantPolicy(c, call.caller().tenantId()).policy());
        return GraphResponse.ok(entity(call.request(), "policies/crossTenantAccessPolicy/$entity", select(call.request(), p, null)));
    }

    private GraphResponse patchPolicy(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        ObjectNode patch = PolicyDocuments.check(PolicyDocuments.POLICY, PolicyDocuments.POLICY_PATCH, GraphJson.object(json, call.request()), Set.of());
        if (patch.has("allowedCloudEndpoints")) {
            // a set of cloud names: null clears it, repeats collapse
            Set<String> clouds = new LinkedHashSet<>();
            patch.path("allowedCloudEndpoints").forEach(e -> clouds.add(e.asText()));
            ArrayNode list = patch.putArray("allowedCloudEndpoints");
            clouds.forEach(list::add);
        }
        db.transaction(c -> {
            var current = policies.tenantPolicy(c, caller.tenantId());
            ObjectNode next = current.policy().deepCopy();
            BodyShape.merge(next, patch);
            policies.saveTenantPolicy(c, caller.tenantId(), new CrossTenantPolicyStore.TenantPolicy(next, current.defaults()));
            audit(c, caller, "Update cross-tenant access policy", "Update", "crossTenantAccessPolicy", "CrossTenantAccessPolicy");
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse getDefault(GraphCall call) {
        call.caller().require(READ, WRITE);
        ObjectNode d = db.transaction(c -> policies.tenantPolicy(c, call.caller().tenantId()).defaults());
        return GraphResponse.ok(entity(call.request(), "policies/crossTenantAccessPolicy/default/$entity", select(call.request(), d, null)));
    }

    private GraphResponse patchDefault(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        ObjectNode patch = PolicyDocuments.check(PolicyDocuments.DEFAULT, PolicyDocuments.DEFAULT_PATCH, GraphJson.object(json, call.request()),
                Set.of("isServiceDefault"));
        JsonNode consent = patch.get("automaticUserConsentSettings");
        if (consent != null) {
            // always false on the default configuration: automatic consent is only ever granted per partner
            if (consent.path("inboundAllowed").asBoolean(false) || consent.path("outboundAllowed").asBoolean(false)) {
                throw GraphException.badRequest("Invalid value specified for property 'automaticUserConsentSettings' of resource '"
                        + PolicyDocuments.DEFAULT + "'. Automatic user consent can only be enabled on partner configurations.");
            }
            patch.remove("automaticUserConsentSettings");
        }
        db.transaction(c -> {
            var current = policies.tenantPolicy(c, caller.tenantId());
            ObjectNode next = current.defaults().deepCopy();
            BodyShape.merge(next, patch);
            next.put("isServiceDefault", false);
            policies.saveTenantPolicy(c, caller.tenantId(), new CrossTenantPolicyStore.TenantPolicy(current.policy(), next));
            audit(c, caller, "Update default cross-tenant access setting", "Update", "default", PolicyDocuments.DEFAULT);
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse resetDefault(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        db.transaction(c -> {
            var current = policies.tenantPolicy(c, caller.tenantId());
            policies.saveTenantPolicy(c, caller.tenantId(), new CrossTenantPolicyStore.TenantPolicy(current.policy(), PolicyDocuments.systemDefault()));
            audit(c, caller, "Reset default cross-tenant access setting", "Update", "default", PolicyDocuments.DEFAULT);
            return null;
        });
        return GraphResponse.noContent();
    }

    // ---- partners

    private GraphResponse listPartners(GraphCall call) {
        call.caller().require(READ, WRITE);
        GraphRequest req = call.request();
        FilterExpr filter = req.option("$filter").filter(f -> !f.isBlank()).map(CrossTenantAccessPolicyApi::parseFilter).orElse(null);
        boolean expand = expandsSync(req);
        int top = top(req);
        int offset = req.option("$skiptoken").map(CrossTenantAccessPolicyApi::offset).orElse(0);
        List<CrossTenantPolicyStore.Partner> all = db.transaction(c -> policies.partners(c, call.caller().tenantId()));
        List<ObjectNode> matched = all.stream().map(p -> view(p, true))
                .filter(v -> filter == null || JsonFilterEvaluator.matches(filter, v)).toList();
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", req.serviceRoot() + "/$metadata#policies/crossTenantAccessPolicy/partners");
        if (req.option("$count").map("true"::equalsIgnoreCase).orElse(false)) body.put("@odata.count", matched.size());
        int end = Math.min(matched.size(), offset + top);
        if (end < matched.size()) body.put("@odata.nextLink", nextLink(req, end));
        ArrayNode value = body.putArray("value");
        for (ObjectNode v : matched.subList(Math.min(offset, matched.size()), end)) {
            if (!expand) v.remove("identitySynchronization");
            value.add(select(req, v, "tenantId"));
        }
        return GraphResponse.ok(body);
    }

    private GraphResponse createPartner(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        ObjectNode body = PolicyDocuments.check(PolicyDocuments.PARTNER, PolicyDocuments.PARTNER_BODY, GraphJson.object(json, call.request()),
                Set.of("isInMultiTenantOrganization", "identitySynchronization"));
        if (!body.hasNonNull("tenantId")) {
            throw BodyShape.invalid(PolicyDocuments.PARTNER, "tenantId");
        }
        String partnerId = body.get("tenantId").asText();
        ObjectNode partner = PolicyDocuments.newPartner(partnerId);
        BodyShape.merge(partner, body);
        try {
            db.transaction(c -> {
                if (policies.partner(c, caller.tenantId(), partnerId).isPresent()) throw duplicatePartner();
                policies.insertPartner(c, caller.tenantId(), new CrossTenantPolicyStore.Partner(partnerId, partner, null));
                audit(c, caller, "Add a partner to cross-tenant access setting", "Add", partnerId, PolicyDocuments.PARTNER);
                return null;
            });
        } catch (StoreException e) {
            if (e.isUniqueViolation()) throw duplicatePartner(); // a concurrent POST won the race
            throw e;
        }
        String path = "/policies/crossTenantAccessPolicy/partners/" + partnerId;
        return GraphResponse.created(entity(call.request(), "policies/crossTenantAccessPolicy/partners/$entity", partner),
                call.request().serviceRoot() + path);
    }

    private static GraphException duplicatePartner() {
        return GraphException.conflict("Another object with the same value for property tenantId already exists.");
    }

    private GraphResponse getPartner(GraphCall call) {
        call.caller().require(READ, WRITE);
        String partnerId = partnerId(call);
        var p = db.transaction(c -> policies.partner(c, call.caller().tenantId(), partnerId)).orElseThrow(CrossTenantAccessPolicyApi::missing);
        ObjectNode v = view(p, expandsSync(call.request()));
        return GraphResponse.ok(entity(call.request(), "policies/crossTenantAccessPolicy/partners/$entity", select(call.request(), v, "tenantId")));
    }

    private GraphResponse patchPartner(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        String partnerId = partnerId(call);
        ObjectNode patch = PolicyDocuments.check(PolicyDocuments.PARTNER, PolicyDocuments.PARTNER_BODY, GraphJson.object(json, call.request()),
                Set.of("isInMultiTenantOrganization", "identitySynchronization"));
        checkTenantIdUnchanged(patch, partnerId, PolicyDocuments.PARTNER);
        db.transaction(c -> {
            var p = policies.partner(c, caller.tenantId(), partnerId).orElseThrow(CrossTenantAccessPolicyApi::missing);
            ObjectNode next = p.body().deepCopy();
            BodyShape.merge(next, patch);
            policies.updatePartner(c, caller.tenantId(), new CrossTenantPolicyStore.Partner(partnerId, next, p.sync()));
            audit(c, caller, "Update a partner cross-tenant access setting", "Update", partnerId, PolicyDocuments.PARTNER);
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse deletePartner(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        String partnerId = partnerId(call);
        db.transaction(c -> {
            var p = policies.partner(c, caller.tenantId(), partnerId).orElseThrow(CrossTenantAccessPolicyApi::missing);
            if (p.sync() != null) {
                throw GraphException.badRequest("The partner configuration cannot be deleted while it has an identitySynchronization "
                        + "policy. Delete the identitySynchronization policy first.");
            }
            policies.deletePartner(c, caller.tenantId(), partnerId);
            audit(c, caller, "Delete partner specific cross-tenant access setting", "Delete", partnerId, PolicyDocuments.PARTNER);
            return null;
        });
        return GraphResponse.noContent();
    }

    // ---- identitySynchronization

    private GraphResponse getSync(GraphCall call) {
        call.caller().require(READ, WRITE);
        String partnerId = partnerId(call);
        ObjectNode sync = db.transaction(c -> policies.partner(c, call.caller().tenantId(), partnerId).map(CrossTenantPolicyStore.Partner::sync)
                .orElse(null));
        if (sync == null) throw missing();
        return GraphResponse.ok(entity(call.request(),
                "policies/crossTenantAccessPolicy/partners('" + partnerId + "')/identitySynchronization/$entity", select(call.request(), sync, "tenantId")));
    }

    private GraphResponse putSync(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        String partnerId = partnerId(call);
        ObjectNode body = PolicyDocuments.check(PolicyDocuments.SYNC, PolicyDocuments.SYNC_BODY, GraphJson.object(json, call.request()), Set.of());
        checkTenantIdUnchanged(body, partnerId, PolicyDocuments.SYNC);
        ObjectNode sync = json.createObjectNode();
        sync.put("tenantId", partnerId);
        sync.putNull("displayName");
        sync.putObject("userSyncInbound").putNull("isSyncAllowed");
        BodyShape.merge(sync, body);
        db.transaction(c -> {
            var p = policies.partner(c, caller.tenantId(), partnerId).orElseThrow(CrossTenantAccessPolicyApi::missing);
            if (p.sync() != null) {
                throw GraphException.conflict("A conflicting object with one or more of the specified property values is present in the directory.");
            }
            policies.updatePartner(c, caller.tenantId(), new CrossTenantPolicyStore.Partner(partnerId, p.body(), sync));
            audit(c, caller, "Create a partner cross-tenant identity sync setting", "Add", partnerId, PolicyDocuments.SYNC);
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse patchSync(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        String partnerId = partnerId(call);
        ObjectNode patch = PolicyDocuments.check(PolicyDocuments.SYNC, PolicyDocuments.SYNC_BODY, GraphJson.object(json, call.request()), Set.of());
        checkTenantIdUnchanged(patch, partnerId, PolicyDocuments.SYNC);
        db.transaction(c -> {
            var p = policies.partner(c, caller.tenantId(), partnerId).filter(x -> x.sync() != null)
                    .orElseThrow(CrossTenantAccessPolicyApi::missing);
            ObjectNode next = p.sync().deepCopy();
            BodyShape.merge(next, patch);
            policies.updatePartner(c, caller.tenantId(), new CrossTenantPolicyStore.Partner(partnerId, p.body(), next));
            audit(c, caller, "Update a partner cross-tenant identity sync setting", "Update", partnerId, PolicyDocuments.SYNC);
            return null;
        });
        return GraphResponse.noContent();
    }

    private GraphResponse deleteSync(GraphCall call) {
        Caller caller = call.caller();
        caller.require(WRITE);
        String partnerId = partnerId(call);
        db.transaction(c -> {
            var p = policies.partner(c, caller.tenantId(), partnerId).filter(x -> x.sync() != null)
                    .orElseThrow(CrossTenantAccessPolicyApi::missing);
            policies.updatePartner(c, caller.tenantId(), new CrossTenantPolicyStore.Partner(partnerId, p.body(), null));
            audit(c, caller, "Delete a partner cross-tenant identity sync setting", "Delete", partnerId, PolicyDocuments.SYNC);
            return null;
        });
        return GraphResponse.noContent();
    }

    // ---- helpers

    private void audit(Connection c, Caller caller, String activity, String operation, String targetId, String targetName) throws SQLException {
        audits.record(c, caller, CATEGORY, activity, operation, new DirectoryAudits.Target(targetId, "Policy", targetName, null));
    }

    private static String partnerId(GraphCall call) {
        String id = call.var("tenantId");
        if (!BodyShape.GUID.matcher(id).matches()) throw BodyShape.invalid(PolicyDocuments.PARTNER, "tenantId");
        return id.toLowerCase(Locale.ROOT);
    }

    private static void checkTenantIdUnchanged(ObjectNode body, String partnerId, String resource) {
        JsonNode t = body.get("tenantId");
        if (t != null && !t.asText("").equals(partnerId)) {
            throw GraphException.badRequest("Property 'tenantId' of resource '" + resource + "' is read-only and cannot be changed.");
        }
        body.remove("tenantId");
    }

    /** A partner as listed: its configuration with {@code identitySynchronization} (null when none). */
    private static ObjectNode view(CrossTenantPolicyStore.Partner p, boolean withSync) {
        ObjectNode v = p.body().deepCopy();
        if (withSync) v.set("identitySynchronization", p.sync() == null ? v.nullNode() : p.sync().deepCopy());
        return v;
    }

    private static boolean expandsSync(GraphRequest req) {
        String e = req.option("$expand").orElse(null);
        if (e == null || e.isBlank()) return false;
        for (String part : e.split(",")) {
            if (!part.trim().equalsIgnoreCase("identitySynchronization")) {
                throw GraphException.badRequest("Parsing OData Select and Expand failed: Could not find a property named '" + part.trim()
                        + "' on type 'microsoft.graph.crossTenantAccessPolicyConfigurationPartner'.");
            }
        }
        return true;
    }

    private static FilterExpr parseFilter(String f) {
        try {
            return ODataFilterParser.parse(f);
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        } catch (UnsupportedQueryException e) {
            throw new GraphException(400, e.code(), e.getMessage());
        }
    }

    /** The selected properties (case-insensitive; {@code key} always), or the whole object without {@code $select}. */
    private static ObjectNode select(GraphRequest req, ObjectNode v, String key) {
        String s = req.option("$select").orElse(null);
        if (s == null || s.isBlank()) return v;
        List<String> names;
        try {
            names = ODataSelect.parse(s);
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        }
        ObjectNode out = v.objectNode();
        if (key != null) out.set(key, v.get(key));
        for (String n : names) {
            if (n.equals("*")) return v;
            String name = v.properties().stream().map(java.util.Map.Entry::getKey).filter(k -> k.equalsIgnoreCase(n)).findFirst()
                    .orElseThrow(() -> GraphException.badRequest("Parsing OData Select and Expand failed: Could not find a property named '"
                            + n + "' on this type."));
            out.set(name, v.get(name));
        }
        if (v.has("identitySynchronization")) out.set("identitySynchronization", v.get("identitySynchronization"));
        return out;
    }

    private ObjectNode entity(GraphRequest req, String context, ObjectNode v) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", req.serviceRoot() + "/$metadata#" + context);
        out.setAll(v);
        return out;
    }

    private static int top(GraphRequest req) {
        String t = req.option("$top").orElse(null);
        if (t == null) return 100;
        try {
            int n = Integer.parseInt(t.trim());
            if (n >= 1 && n <= 999) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw GraphException.badRequest("Invalid page size specified: '" + t + "'. Must be between 1 and 999 inclusive.");
    }

    private static int offset(String token) {
        String t = token.startsWith("X'") && token.endsWith("'") ? token.substring(2, token.length() - 1) : token;
        try {
            String raw = new String(java.util.Base64.getUrlDecoder().decode(t), java.nio.charset.StandardCharsets.UTF_8);
            if (raw.startsWith("p:")) {
                int n = Integer.parseInt(raw.substring(2));
                if (n >= 0) return n;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new GraphException(400, "Directory_ExpiredPageToken", "The specified page token value has expired or is invalid.");
    }

    private static String nextLink(GraphRequest req, int offset) {
        StringBuilder q = new StringBuilder();
        for (var e : req.query().entrySet()) {
            if (e.getKey().equalsIgnoreCase("$skiptoken")) continue;
            q.append(q.isEmpty() ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        q.append(q.isEmpty() ? "" : "&").append("$skiptoken=").append(token);
        return req.serviceRoot() + "/" + ROOT + "/partners?" + q;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }
}
