package io.tenantsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A SCIM client bulk-loading users the way a provisioning client does: POST each user, remember every acknowledged
 * write (2xx and the id it returned), and retry what was not acknowledged (refused connection, reset, 5xx) with the
 * same userName and externalId. A retried POST whose first attempt did land gets 409 {@code uniqueness}; the loader
 * then finds the user by a filter, as a SCIM client reconciles.
 */
final class ScimLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<URI> baseUrl;
    private final String token;
    private final String domain;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** userName → id the gateway acknowledged with 201. */
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** userName → id found after a retried POST answered 409 (its first attempt landed, its reply was lost). */
    final Map<String, String> recovered = new ConcurrentHashMap<>();
    final AtomicInteger failedAttempts = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();

    ScimLoader(Supplier<URI> baseUrl, String token, String domain) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.domain = domain;
    }

    static String userName(int i, String domain) {
        return "crash" + i + "@" + domain;
    }

    int done() {
        return acknowledged.size() + recovered.size();
    }

    /** Loads users 1..count with {@code clients} concurrent clients; returns when every one is acknowledged. */
    void load(int count, int clients, Duration deadline) throws InterruptedException {
        ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
        for (int i = 1; i <= count; i++) todo.add(i);
        Instant end = Instant.now().plus(deadline);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                Integer next;
                while ((next = todo.poll()) != null && Instant.now().isBefore(end)) {
                    if (!write(next)) {
                        failedAttempts.incrementAndGet();
                        todo.add(next);
                        sleep(100);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(deadline.toMillis() + 10_000, TimeUnit.MILLISECONDS) || done() < count) {
            pool.shutdownNow();
            throw new AssertionError("only " + done() + " of " + count + " users acknowledged within " + deadline);
        }
    }

    /** One attempt; true when the user is known to be stored. */
    private boolean write(int i) {
        String userName = userName(i, domain);
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName).put("externalId", "ext-" + i).put("displayName", "Crash User " + i).put("active", true);
        user.putArray("emails").addObject().put("type", "work").put("value", userName).put("primary", true);
        try {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(baseUrl.get() + "/Users"))
                    .POST(HttpRequest.BodyPublishers.ofString(user.toString())));
            if (reply.statusCode() == 201) {
                acknowledged.put(userName, JSON.readTree(reply.body()).path("id").asText());
                return true;
            }
            if (reply.statusCode() == 409) {
                conflicts.incrementAndGet();
                JsonNode found = find(userName);
                if (found != null) {
                    recovered.put(userName, found.path("id").asText());
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // not acknowledged: the gateway is down or died mid-request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The stored user with this userName, or null. */
    JsonNode find(String userName) throws IOException, InterruptedException {
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(baseUrl.get() + "/Users?filter=" + filter)).GET());
        if (reply.statusCode() != 200) return null;
        JsonNode resources = JSON.readTree(reply.body()).path("Resources");
        return resources.size() == 1 ? resources.get(0) : null;
    }

    /** Every stored user: userName → how many resources have it, and the id of the last. */
    Map<String, JsonNode> all(Map<String, Integer> counts) throws IOException, InterruptedException {
        Map<String, JsonNode> users = new HashMap<>();
        int start = 1;
        while (true) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(baseUrl.get()
                    + "/Users?startIndex=" + start + "&count=500&attributes=userName,id,meta")).GET());
            if (reply.statusCode() != 200) throw new AssertionError("GET /Users: " + reply.statusCode() + " " + reply.body());
            JsonNode page = JSON.readTree(reply.body());
            for (JsonNode u : page.path("Resources")) {
                users.put(u.path("userName").asText(), u);
                counts.merge(u.path("userName").asText(), 1, Integer::sum);
            }
            int got = page.path("Resources").size();
            if (got == 0 || start + got > page.path("totalResults").asInt()) return users;
            start += got;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
