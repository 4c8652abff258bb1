package io.tenantsync.conformance.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the endpoint under test offers: the optional SCIM features its {@code /ServiceProviderConfig} and
 * {@code /ResourceTypes} advertise, plus what the suite was given for the cross-tenant checks.
 *
 * @param bulkMaxOperations 0 when Bulk is not advertised
 */
public record Capabilities(Set<Capability> present, int bulkMaxOperations, String note) {
    public Capabilities {
        present = Set.copyOf(present);
    }

    /**
     * Reads a ServiceProviderConfig document (missing when unreadable: nothing optional is then assumed).
     *
     * @param resourceTypes the /ResourceTypes ListResponse (missing when unreadable)
     */
    public static Capabilities of(JsonNode serviceProviderConfig, JsonNode resourceTypes, Set<Capability> given) {
        EnumSet<Capability> present = EnumSet.noneOf(Capability.class);
        present.addAll(given);
        JsonNode spc = serviceProviderConfig;
        if (supported(spc, "patch")) present.add(Capability.PATCH);
        if (supported(spc, "bulk")) present.add(Capability.BULK);
        if (supported(spc, "sort")) present.add(Capability.SORT);
        if (supported(spc, "etag")) present.add(Capability.ETAG);
        if (supported(spc, "filter")) present.add(Capability.FILTER);
        for (JsonNode type : resourceTypes.path("Resources")) {
            if ("Group".equalsIgnoreCase(type.path("name").asText()) || "/Groups".equalsIgnoreCase(type.path("endpoint").asText())) {
                present.add(Capability.GROUPS);
            }
        }
        String note = spc.isObject() ? "" : "ServiceProviderConfig unreadable: no optional feature assumed";
        int bulkMax = present.contains(Capability.BULK) ? spc.path("bulk").path("maxOperations").asInt(0) : 0;
        return new Capabilities(present, bulkMax, note);
    }

    private static boolean supported(JsonNode spc, String feature) {
        JsonNode value = spc.path(feature).path("supported");
        return value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText());
    }

    public boolean has(Capability capability) {
        return present.contains(capability);
    }
}
