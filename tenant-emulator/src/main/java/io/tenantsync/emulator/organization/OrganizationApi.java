package io.tenantsync.emulator.organization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.odata.ODataSelect;
import io.tenantsync.emulator.odata.ODataSyntaxException;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /organization} and {@code /domains} of the caller's tenant, from the emulator configuration: the tenant id,
 * a display name and its domains (the initial {@code *.onmicrosoft.*} domain is the default one).
 */
public final class OrganizationApi implements GraphApi {
    private final ObjectMapper json;

    public OrganizationApi(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void register(Routes routes) {
        routes.get("organization", call -> {
            call.caller().require("Organization.Read.All");
            ObjectNode body = json.createObjectNode();
            body.put("@odata.context", call.request().serviceRoot() + "/$metadata#organization");
            body.putArray("value").add(select(call, organization(call.caller().tenant())));
            return GraphResponse.ok(body);
        });
        routes.get("organization/{id}", call -> {
            call.caller().require("Organization.Read.All");
            if (!call.var("id").equalsIgnoreCase(call.caller().tenantId())) throw GraphException.notFound(call.var("id"));
            ObjectNode out = json.createObjectNode();
            out.put("@odata.context", call.request().serviceRoot() + "/$metadata#organization/$entity");
            out.setAll(select(call, organization(call.caller().tenant())));
            return GraphResponse.ok(out);
        });
        routes.get("domains", call -> {
            call.caller().require("Domain.Read.All");
            ObjectNode body = json.createObjectNode();
            body.put("@odata.context", call.request().serviceRoot() + "/$metadata#domains");
            var value = body.putArray("value");
            call.caller().tenant().allDomains().forEach(d -> value.add(select(call, domain(call.caller().tenant(), d))));
            return GraphResponse.ok(body);
        });
        routes.get("domains/{id}", call -> {
            call.caller().require("Domain.Read.All");
            TenantConfig t = call.caller().tenant();
            String name = call.var("id").toLowerCase(Locale.ROOT);
            if (!t.ownsDomain(name)) throw GraphException.notFound(call.var("id"));
            ObjectNode out = json.createObjectNode();
            out.put("@odata.context", call.request().serviceRoot() + "/$metadata#domains/$entity");
            out.setAll(select(call, domain(t, name)));
            return GraphResponse.ok(out);
        });
    }

    /** The organization resource of a tenant. */
    ObjectNode organization(TenantConfig t) {
        ObjectNode o = json.createObjectNode();
        o.put("id", t.tenantId().toString());
        o.putNull("deletedDateTime");
        o.putArray("businessPhones");
        o.putNull("city");
        o.putNull("country");
        o.put("countryLetterCode", t.cloud() == Cloud.CHINA ? "CN" : "US");
        o.putNull("createdDateTime");
        o.put("displayName", t.name().substring(0, 1).toUpperCase(Locale.ROOT) + t.name().substring(1));
        o.putArray("marketingNotificationEmails");
        o.putNull("onPremisesLastSyncDateTime");
        o.putNull("onPremisesSyncEnabled");
        o.putNull("postalCode");
        o.put("preferredLanguage", "en");
        o.putNull("state");
        o.putNull("street");
        o.putArray("technicalNotificationMails");
        o.put("tenantType", "AAD");
        var domains = o.putArray("verifiedDomains");
        for (String d : t.allDomains()) {
            ObjectNode v = domains.addObject();
            v.put("capabilities", "Email, OfficeCommunicationsOnline");
            v.put("isDefault", d.equals(t.initialDomain()));
            v.put("isInitial", d.equals(t.initialDomain()));
            v.put("name", d);
            v.put("type", "Managed");
        }
        return o;
    }

    /** The domain resource for one of a tenant's domains. */
    ObjectNode domain(TenantConfig t, String name) {
        ObjectNode d = json.createObjectNode();
        d.put("id", name);
        d.put("authenticationType", "Managed");
        d.putNull("availabilityStatus");
        d.put("isAdminManaged", true);
        d.put("isDefault", name.equals(t.initialDomain()));
        d.put("isInitial", name.equals(t.initialDomain()));
        d.put("isRoot", true);
        d.put("isVerified", true);
        d.put("passwordNotificationWindowInDays", 14);
        d.put("passwordValidityPeriodInDays", 2147483647);
        d.putArray("supportedServices").add("Email").add("OfficeCommunicationsOnline");
        d.putNull("state");
        return d;
    }

    private static ObjectNode select(GraphCall call, ObjectNode o) {
        List<String> select;
        try {
            select = call.request().option("$select").map(ODataSelect::parse).orElse(List.of());
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        }
        return Projection.project(o, select, null, Set.of(), null);
    }
}
