package io.tenantsync.conformance.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The suite's HTTP client for one SCIM service provider (java.net.http, HTTP/1.1). Every exchange is handed to a
 * listener so a failing check can show what it sent and received.
 */
public final class ScimClient {
    public static final String SCIM_JSON = "application/scim+json";

    private final HttpClient http;
    private final String base;
    private final Optional<String> token;
    private final Duration timeout;
    private final Consumer<Exchange> listener;

    private ScimClient(HttpClient http, String base, Optional<String> token, Duration timeout, Consumer<Exchange> listener) {
        this.http = http;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.timeout = timeout;
        this.listener = listener;
    }

    /** A client sending {@code Authorization: Bearer token} to the SCIM base URL (e.g. {@code https://host/scim/v2}). */
    public static ScimClient of(URI baseUrl, String token, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        return new ScimClient(http, baseUrl.toString(), Optional.of(token), timeout, exchange -> { });
    }

    /** The same provider and connection, reporting exchanges to {@code listener}. */
    public ScimClient recordingTo(Consumer<Exchange> listener) {
        return new ScimClient(http, base, token, timeout, listener);
    }

    /** The same provider with another bearer token, or none. */
    public ScimClient withToken(Optional<String> otherToken) {
        return new ScimClient(http, base, otherToken, timeout, listener);
    }

    public String baseUrl() {
        return base;
    }

    public ScimResponse get(String path, String... query) {
        return request("GET", path, query).send();
    }

    public ScimResponse post(String path, String body) {
        return request("POST", path).body(body).send();
    }

    public ScimResponse put(String path, String body) {
        return request("PUT", path).body(body).send();
    }

    public ScimResponse patch(String path, String body) {
        return request("PATCH", path).body(body).send();
    }

    public ScimResponse delete(String path) {
        return request("DELETE", path).send();
    }

    /** A request to {@code base + path}; {@code query} holds name, value pairs, encoded here. */
    public Request request(String method, String path, String... query) {
        if (query.length % 2 != 0) throw new IllegalArgumentException("query needs name, value pairs");
        StringBuilder uri = new StringBuilder(base).append(path.startsWith("/") ? path : "/" + path);
        for (int i = 0; i < query.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(encode(query[i])).append('=').append(encode(query[i + 1]));
        }
        return new Request(method, URI.create(uri.toString()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request being built. */
    public final class Request {
        private final String method;
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String body;

        private Request(String method, URI uri) {
            this.method = method;
            this.uri = uri;
            token.ifPresent(t -> header("Authorization", "Bearer " + t));
            header("Accept", SCIM_JSON);
        }

        public Request header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** A JSON body sent as {@code application/scim+json} unless a Content-Type was set. */
        public Request body(String json) {
            this.body = json;
            return this;
        }

        public ScimResponse send() {
            if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                header("Content-Type", SCIM_JSON);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
            long start = System.nanoTime();
            Exchange exchange;
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                exchange = new Exchange(method, uri, headers, body, response.statusCode(), response.headers().map(),
                        response.body(), Duration.ofNanos(System.nanoTime() - start));
            } catch (IOException e) {
                exchange = new Exchange(method, uri, headers, body, 0, Map.of(), e.toString(), Duration.ofNanos(System.nanoTime() - start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange = new Exchange(method, uri, headers, body, 0, Map.of(), "interrupted", Duration.ofNanos(System.nanoTime() - start));
            }
            listener.accept(exchange);
            return new ScimResponse(exchange);
        }
    }
}
