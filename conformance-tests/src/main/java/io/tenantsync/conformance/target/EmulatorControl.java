package io.tenantsync.conformance.target;

import io.tenantsync.core.target.CaCertificateTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The tenantsync emulator's {@code /_emulator} controls for the target: directory time and fault rules. Only an
 * emulated target has them; the checks that need them are skipped otherwise.
 *
 * @param controlUrl e.g. {@code https://127.0.0.1:8443/_emulator}
 * @param token      the control token; never printed
 */
public record EmulatorControl(URI controlUrl, String token, Optional<Path> caCertificatePem) {

    @Override
    public String toString() {
        return "EmulatorControl[" + controlUrl + "]";
    }

    /** Moves directory time forward (soft-deleted objects past their window are purged). */
    public void advanceClock(Duration by) {
        send("POST", "clock/advance", "{\"by\":\"" + by + "\"}");
    }

    /** Adds a fault rule (the emulator's {@code /_emulator/faults} shape); returns the answer body. */
    public String addFault(String rule) {
        return send("POST", "faults", rule);
    }

    public void clearFaults() {
        send("DELETE", "faults", null);
    }

    private String send(String method, String path, String body) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        caCertificatePem.ifPresent(pem -> http.sslContext(CaCertificateTrust.fromPem(pem).sslContext()));
        String base = controlUrl.toString().endsWith("/") ? controlUrl.toString() : controlUrl + "/";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.build().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + base + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
