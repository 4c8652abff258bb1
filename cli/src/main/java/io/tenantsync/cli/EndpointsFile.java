package io.tenantsync.cli;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The endpoints file {@code demo --endpoints-file} writes (contract: {@code endpoints.schema.json}): where Graph and
 * the identity platform answer, which certificate to trust, and full-privilege app credentials of both tenants.
 * Only the parts of services that run are present: {@code scim} (when the gateway runs), {@code graph} and
 * {@code tenants}, plus our own {@code emulator} part (the emulator-only controls: clock, faults, throttling, journal).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointsFile(Scim scim, Graph graph, Tenants tenants, Emulator emulator) {

    /** The SCIM gateway's base URL and the bearer secret of the demo connection. */
    public record Scim(String baseUrl, String token) {}

    /** Where the emulator-only controls answer and the bearer token they require. */
    public record Emulator(String controlUrl, String controlToken) {}

    /** Graph root with its version segment, the authority host clients request tokens from, and the PEM to trust. */
    public record Graph(String baseUrl, String authority, String caCertificate) {}

    public record Tenants(Tenant source, Tenant target) {}

    public record Tenant(String tenantId, String domain, String clientId, String clientSecret) {
        static Tenant of(TenantConfig t, AppRegistration app) {
            return new Tenant(t.tenantId().toString(), t.initialDomain(), app.clientId(), app.clientSecret());
        }
    }

    /** Describes a running emulator; each tenant is reached through the given app. */
    public static EndpointsFile of(EmulatorServer server, TenantConfig source, AppRegistration sourceApp,
                                   TenantConfig target, AppRegistration targetApp) {
        String authority = server.baseUri().toString();
        return new EndpointsFile(null,
                new Graph(authority + "/v1.0", authority, server.caCertificate().toAbsolutePath().toString()),
                new Tenants(Tenant.of(source, sourceApp), Tenant.of(target, targetApp)),
                new Emulator(authority + "/_emulator", server.config().controlToken()));
    }

    /** The same file with the gateway's part. */
    public EndpointsFile withScim(Scim gateway) {
        return new EndpointsFile(gateway, graph, tenants, emulator);
    }

    /** Writes the file atomically, readable by the owner only (it holds client secrets). */
    public void write(Path file) throws IOException {
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        OwnerOnlyFile.write(file, text + System.lineSeparator());
    }
}
