package io.tenantsync.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tenantsync.cli.CliException;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.tls.LoopbackCertificates;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;

/**
 * An app-only Graph client for one tenant, as an administrator's script would be: a client-credentials token from
 * the tenant's token endpoint, then JSON requests to Graph, over HTTPS trusting exactly the emulator's certificate.
 */
public final class TenantGraphClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A Graph answer: status and parsed JSON body ({@code null} node when empty). */
    public record Reply(int status, JsonNode body) {}

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final URI authority;
    private final TenantConfig tenant;
    private final AppRegistration app;
    private String accessToken;

    private TenantGraphClient(HttpClient http, URI authority, TenantConfig tenant, AppRegistration app) {
        this.http = http;
        this.authority = authority;
        this.tenant = tenant;
        this.app = app;
    }

    /** A client for {@code tenant} acting as {@code app}; {@code authority} is also the Graph host. */
    public static TenantGraphClient connect(URI authority, Path caPem, TenantConfig tenant, AppRegistration app) {
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(LoopbackCertificates.clientContextFor(caPem))
                    .connectTimeout(TIMEOUT).build();
            return new TenantGraphClient(http, authority, tenant, app);
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException("cannot trust the emulator certificate " + caPem + ": " + e.getMessage(), e);
        }
    }

    public TenantConfig tenant() { return tenant; }

    /** Obtains (once) a client-credentials token for Graph. */
    public String token() {
        if (accessToken != null) return accessToken;
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(app.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(app.clientSecret(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(tenant.cloud().graphResource() + "/.default", StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(authority.resolve("/" + tenant.tenantId() + "/oauth2/v2.0/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Reply reply = exchange(req, "token request");
        if (reply.status() != 200 || !reply.body().path("access_token").isTextual()) {
            throw new CliException(tenant.name() + ": the token endpoint answered " + reply.status() + " "
                    + reply.body().path("error_description").asText(reply.body().toString()));
        }
        accessToken = reply.body().get("access_token").asText();
        return accessToken;
    }

    /**
     * Sends a Graph request ({@code path} below {@code /v1.0}) and returns the reply when its status is one of
     * {@code accepted}; any other status fails with the Graph error code and message.
     */
    public Reply call(String method, String path, JsonNode body, int... accepted) {
        HttpRequest.Builder b = HttpRequest.newBuilder(authority.resolve("/v1.0" + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        String what = method + " /v1.0" + path;
        Reply reply = exchange(b.build(), what);
        if (Arrays.stream(accepted).noneMatch(s -> s == reply.status())) {
            JsonNode error = reply.body().path("error");
            throw new CliException(tenant.name() + ": " + what + " answered " + reply.status()
                    + (error.isObject() ? " " + error.path("code").asText() + ": " + error.path("message").asText() : ""));
        }
        return reply;
    }

    private Reply exchange(HttpRequest req, String what) {
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            String text = res.body();
            JsonNode body = NullNode.getInstance();
            if (text != null && !text.isBlank()) {
                try {
                    body = json.readTree(text);
                } catch (IOException notJson) {
                    body = json.getNodeFactory().textNode(text);
                }
            }
            return new Reply(res.statusCode(), body);
        } catch (IOException e) {
            throw new CliException(tenant.name() + ": " + what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(tenant.name() + ": " + what + " was interrupted", e);
        }
    }
}
