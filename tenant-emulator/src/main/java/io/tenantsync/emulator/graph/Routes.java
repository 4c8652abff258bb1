package io.tenantsync.emulator.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Graph route table. Patterns are '/'-separated segments after the version; {@code {name}} matches any one
 * segment. Literal segments match case-insensitively and win over placeholders.
 */
public final class Routes {
    /** Handles one routed call. */
    @FunctionalInterface
    public interface Handler {
        GraphResponse handle(GraphCall call);
    }

    private record Route(String method, String[] pattern, Handler handler, int literals) {}

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; later registrations of the same method and pattern are rejected. */
    public Routes add(String method, String pattern, Handler handler) {
        String[] p = pattern.isEmpty() ? new String[0] : pattern.split("/");
        int literals = 0;
        for (String s : p) if (!s.startsWith("{")) literals++;
        for (Route r : routes) {
            if (r.method.equals(method) && String.join("/", r.pattern).equalsIgnoreCase(pattern)) {
                throw new IllegalArgumentException("duplicate route " + method + " " + pattern);
            }
        }
        routes.add(new Route(method, p, handler, literals));
        routes.sort(Comparator.comparingInt((Route r) -> -r.literals));
        return this;
    }

    public Routes get(String pattern, Handler h) { return add("GET", pattern, h); }
    public Routes post(String pattern, Handler h) { return add("POST", pattern, h); }
    public Routes patch(String pattern, Handler h) { return add("PATCH", pattern, h); }
    public Routes put(String pattern, Handler h) { return add("PUT", pattern, h); }
    public Routes delete(String pattern, Handler h) { return add("DELETE", pattern, h); }

    /** A match: the handler and the placeholder values. */
    public record Match(Handler handler, Map<String, String> vars) {}

    /** Finds the route for a request; 405 when the path exists for other methods, 400 when no route has the path. */
    public Match match(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> vars = matchPattern(r.pattern, segments);
            if (vars == null) continue;
            if (r.method.equals(method)) return new Match(r.handler, vars);
            pathKnown = true;
        }
        if (pathKnown) throw GraphException.methodNotAllowed(method);
        throw GraphException.noRoute(method, segments.isEmpty() ? "" : segments.get(segments.size() - 1));
    }

    private static Map<String, String> matchPattern(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) return null;
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            String s = segments.get(i);
            if (p.startsWith("{")) {
                if (s.isEmpty()) return null;
                vars.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equalsIgnoreCase(s)) {
                return null;
            }
        }
        return vars;
    }

    /**
     * Normalises a path segment so equivalent spellings route alike: {@code delta()} and {@code microsoft.graph.delta}
     * become {@code delta}; {@code microsoft.graph.user} becomes {@code graph.user}.
     */
    public static String normalise(String segment) {
        String s = segment;
        if (s.endsWith("()")) s = s.substring(0, s.length() - 2);
        if (s.toLowerCase(Locale.ROOT).startsWith("microsoft.graph.")) s = "graph." + s.substring("microsoft.graph.".length());
        if (s.equalsIgnoreCase("graph.delta")) s = "delta";
        if (s.equalsIgnoreCase("graph.restore")) s = "restore";
        return s;
    }
}
