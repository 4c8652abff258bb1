package io.tenantsync.emulator.throttle;

import io.tenantsync.emulator.graph.GraphRequest;

import java.util.List;
import java.util.Locale;

/**
 * What one request costs under Microsoft's identity-and-access limits: resource units (RU) and writes. Base costs follow
 * the documented table (paths not listed cost 1 RU; non-GET requests not listed also cost 1 write); then {@code $select}
 * −1, {@code $expand} +1, {@code $top} below 20 −1, never below 1 RU. Costs documented for {@code me/…} apply equally to
 * {@code users/{id}/…}.
 *
 * @param resourceUnits RU charged to the app+tenant RU bucket
 * @param writes        charged to the write buckets (0 or 1)
 */
public record RequestCost(int resourceUnits, int writes) {
    private record Base(String method, String[] pattern, int ru, int writes) {}

    private static final List<Base> TABLE = List.of(
            base("GET", "applications", 2, 0),
            base("GET", "applications/*/extensionProperties", 2, 0),
            base("GET", "contracts", 3, 0),
            base("POST", "directoryObjects/getByIds", 3, 0),
            base("GET", "domains/*/domainNameReferences", 4, 0),
            base("POST", "getObjectsById", 3, 0),
            base("GET", "groups/*/members", 3, 0),
            base("GET", "groups/*/transitiveMembers", 5, 0),
            base("POST", "isMemberOf", 4, 0),
            base("POST", "users/*/checkMemberGroups", 4, 0),
            base("POST", "users/*/checkMemberObjects", 4, 0),
            base("POST", "users/*/getMemberGroups", 2, 0),
            base("POST", "users/*/getMemberObjects", 2, 0),
            base("GET", "users/*/licenseDetails", 2, 0),
            base("GET", "users/*/memberOf", 2, 0),
            base("GET", "users/*/ownedObjects", 2, 0),
            base("GET", "users/*/transitiveMemberOf", 2, 0),
            base("GET", "oauth2PermissionGrants", 2, 0),
            base("GET", "oauth2PermissionGrants/*", 2, 0),
            base("GET", "servicePrincipals/*/appRoleAssignments", 2, 0),
            base("GET", "subscribedSkus", 3, 0),
            base("GET", "users", 2, 0));

    private static Base base(String method, String pattern, int ru, int writes) {
        return new Base(method, pattern.split("/"), ru, writes);
    }

    /** The cost of a request. */
    public static RequestCost of(GraphRequest req) {
        List<String> segments = meAsUser(req.segments());
        String method = req.method().toUpperCase(Locale.ROOT);
        int ru = 1;
        int writes = method.equals("GET") || method.equals("HEAD") ? 0 : 1;
        for (Base b : TABLE) {
            if (b.method.equals(method) && matches(b.pattern, segments)) {
                ru = b.ru;
                writes = b.writes;
                break;
            }
        }
        if (req.option("$select").isPresent()) ru -= 1;
        if (req.option("$expand").isPresent()) ru += 1;
        if (req.option("$top").map(RequestCost::belowTwenty).orElse(false)) ru -= 1;
        return new RequestCost(Math.max(1, ru), writes);
    }

    private static boolean belowTwenty(String top) {
        try {
            return Integer.parseInt(top.trim()) < 20;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> meAsUser(List<String> segments) {
        if (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("me")) {
            var s = new java.util.ArrayList<String>(segments.size() + 1);
            s.add("users");
            s.add("me");
            s.addAll(segments.subList(1, segments.size()));
            return s;
        }
        return segments;
    }

    /** {@code graph.getByIds} (from {@code microsoft.graph.getByIds}) costs what {@code getByIds} costs. */
    private static String bare(String segment) {
        return segment.regionMatches(true, 0, "graph.", 0, 6) ? segment.substring(6) : segment;
    }

    private static boolean matches(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) return false;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("*")) {
                if (segments.get(i).isEmpty()) return false;
            } else if (!pattern[i].equalsIgnoreCase(bare(segments.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
