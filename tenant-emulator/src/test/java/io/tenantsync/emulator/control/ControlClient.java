package io.tenantsync.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.tls.LoopbackCertificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the {@code /_emulator} controls with the control token over HTTPS, trusting the emulator's CA. */
public final class ControlClient {
    private final EmulatorFixture f;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ControlClient(EmulatorFixture f) {
        this.f = f;
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[]{LoopbackCertificates.trustManagerFor(f.server.caCertificate())}, null);
            this.http = HttpClient.newBuilder().sslContext(ssl).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a control request; fails unless the status is 2xx. Returns the JSON body, or null when there is none. */
    public JsonNode send(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.server.baseUri() + "/_emulator/" + path))
                    .header("Authorization", "Bearer " + EmulatorFixture.CONTROL_TOKEN)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) throw new IllegalStateException(method + " " + path + " → " + res.statusCode() + " " + res.body());
            return res.body().isEmpty() ? null : json.readTree(res.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds a fault rule; returns its id. */
    public String addFault(String rule) {
        return send("POST", "faults", rule).get("id").asText();
    }
}
