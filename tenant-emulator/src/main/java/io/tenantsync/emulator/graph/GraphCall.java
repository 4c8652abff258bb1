package io.tenantsync.emulator.graph;

import java.util.Map;

/** A routed request: the request, its authenticated caller and the values of the route's {placeholders}. */
public record GraphCall(GraphRequest request, Caller caller, Map<String, String> vars) {
    public GraphCall {
        vars = Map.copyOf(vars);
    }

    /** A path placeholder's value. */
    public String var(String name) {
        String v = vars.get(name);
        if (v == null) throw new IllegalStateException("route has no {" + name + "}");
        return v;
    }
}
