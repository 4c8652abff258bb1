package io.tenantsync.emulator.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Graph request as the emulator sees it, independent of the HTTP server: outer requests and the inner requests of
 * a {@code $batch} both arrive in this shape.
 *
 * @param method    upper-case HTTP method
 * @param version   {@code v1.0} or {@code beta}
 * @param segments  decoded path segments after the version, normalised (see {@link Routes#normalise})
 * @param query     decoded query parameters, first value of each, keys as sent
 * @param headers   request headers, keys lower-cased
 * @param body      raw body, empty when none
 * @param serviceRoot absolute URL of the version root, e.g. {@code https://127.0.0.1:8443/v1.0}, for links
 * @param requestId the id this request is known by in responses and the journal
 */
public record GraphRequest(String method, String version, List<String> segments, Map<String, String> query,
                           Map<String, String> headers, byte[] body, String serviceRoot, String requestId) {
    public GraphRequest {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A query option by name; OData system options match with or without their {@code $}, case-insensitively. */
    public Optional<String> option(String name) {
        String bare = name.startsWith("$") ? name.substring(1) : name;
        for (var e : query.entrySet()) {
            String k = e.getKey().startsWith("$") ? e.getKey().substring(1) : e.getKey();
            if (k.equalsIgnoreCase(bare)) return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    /** The path after the version, joined with '/'. */
    public String path() { return String.join("/", segments); }

    /** Whether the caller asked for Graph's advanced query capabilities ({@code ConsistencyLevel: eventual}). */
    public boolean eventualConsistency() {
        return header("ConsistencyLevel").map(v -> v.equalsIgnoreCase("eventual")).orElse(false);
    }
}
