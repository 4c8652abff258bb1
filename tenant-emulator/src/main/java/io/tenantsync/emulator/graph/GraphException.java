package io.tenantsync.emulator.graph;

import java.util.Map;

/** A Graph error: becomes the OData error envelope with this status and code. */
public final class GraphException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public GraphException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public GraphException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, String> headers() { return headers; }

    public static GraphException badRequest(String message) {
        return new GraphException(400, "Request_BadRequest", message);
    }

    public static GraphException unsupportedQuery(String message) {
        return new GraphException(400, "Request_UnsupportedQuery", message);
    }

    public static GraphException notFound(String id) {
        return new GraphException(404, "Request_ResourceNotFound",
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
    }

    public static GraphException forbidden() {
        return new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    public static GraphException conflict(String message) {
        return new GraphException(409, "Request_MultipleObjectsWithSameKeyValue", message);
    }

    public static GraphException unauthenticated(String message) {
        return new GraphException(401, "InvalidAuthenticationToken", message,
                Map.of("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\""));
    }

    public static GraphException noRoute(String method, String path) {
        return new GraphException(400, "BadRequest", "Resource not found for the segment '" + path + "'.");
    }

    public static GraphException methodNotAllowed(String method) {
        return new GraphException(405, "Request_BadRequest", "The HTTP method '" + method + "' is not allowed on this resource.");
    }
}
