package io.tenantsync.conformance.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request the suite sent and what came back, as a failure report shows it. The Authorization header is kept
 * only as its scheme: reports never carry credentials.
 *
 * @param status 0 when no response arrived ({@code responseBody} then says why)
 */
public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody,
                       int status, Map<String, List<String>> responseHeaders, String responseBody, Duration elapsed) {
    private static final int SHOWN = 2_000;

    public Exchange {
        requestHeaders = redacted(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
    }

    private static Map<String, List<String>> redacted(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, name.equalsIgnoreCase("Authorization")
                ? values.stream().map(v -> v.contains(" ") ? v.substring(0, v.indexOf(' ')) + " ***" : "***").toList()
                : List.copyOf(values)));
        return copy;
    }

    /** The request and response as text, bodies cut at 2,000 characters. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("sent: ").append(method).append(' ').append(uri).append('\n');
        requestHeaders.forEach((name, values) -> s.append("  ").append(name).append(": ").append(String.join(", ", values)).append('\n'));
        if (requestBody != null && !requestBody.isEmpty()) s.append("  ").append(cut(requestBody)).append('\n');
        if (status == 0) {
            s.append("received: no response (").append(responseBody).append(")\n");
            return s.toString();
        }
        s.append("received: ").append(status).append(" after ").append(elapsed.toMillis()).append(" ms\n");
        new TreeMap<>(responseHeaders).forEach((name, values) -> {
            if (!name.startsWith(":")) s.append("  ").append(name).append(": ").append(String.join(", ", values)).append('\n');
        });
        if (responseBody != null && !responseBody.isEmpty()) s.append("  ").append(cut(responseBody)).append('\n');
        return s.toString();
    }

    private static String cut(String body) {
        return body.length() <= SHOWN ? body : body.substring(0, SHOWN) + "… (" + body.length() + " characters)";
    }
}
