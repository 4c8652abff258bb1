package io.tenantsync.core.target;

import com.microsoft.graph.models.CrossTenantAccessPolicyConfigurationPartner;
import com.microsoft.graph.models.CrossTenantIdentitySyncPolicyPartner;
import com.microsoft.graph.models.CrossTenantUserSyncInbound;
import com.microsoft.graph.models.InboundOutboundPolicyConfiguration;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.RequestJournal;
import io.tenantsync.emulator.server.EmulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory tenant emulator on a free loopback port with contoso (source) and fabrikam (target), both in the global
 * cloud, and connections to each as their full-privilege admin apps. {@link #allowSync()} configures both tenants'
 * cross-tenant access policies the way the CTS walkthrough does.
 */
public final class EmulatedTenants implements AutoCloseable {

    public static final UUID CONTOSO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    public static final UUID FABRIKAM = UUID.fromString("22222222-2222-4222-8222-222222222222");
    public static final String CONTOSO_SECRET = "contoso-secret-value-0001";
    public static final String FABRIKAM_SECRET = "fabrikam-secret-value-0001";
    private static final String CONTROL_TOKEN = "control-token-for-sync-core-tests-0123";

    public final EmulatorServer server;
    private final HttpClient controlHttp;

    public EmulatedTenants() {
        EmulatorConfig config = new EmulatorConfig(List.of(
                new TenantConfig("contoso", CONTOSO, Cloud.GLOBAL, null, List.of("contoso.com"), List.of(
                        new AppRegistration("contoso-admin", CONTOSO_SECRET, "Contoso Admin",
                                Set.copyOf(AppRegistration.ALL_ROLES)))),
                new TenantConfig("fabrikam", FABRIKAM, Cloud.GLOBAL, null, List.of("fabrikam.com"), List.of(
                        new AppRegistration("fabrikam-admin", FABRIKAM_SECRET, "Fabrikam Admin",
                                Set.copyOf(AppRegistration.ALL_ROLES))))),
                CONTROL_TOKEN);
        Path dir;
        try {
            dir = Files.createTempDirectory("target-directory-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = EmulatorServer.start(new EmulatorServer.Options(config, 0, Optional.empty(), dir.resolve("ca.pem"),
                Optional.empty()));
        controlHttp = HttpClient.newBuilder()
                .sslContext(CaCertificateTrust.fromPem(server.caCertificate()).sslContext()).build();
    }

    public GraphConnection fabrikam() {
        return connection(FABRIKAM, "fabrikam-admin", FABRIKAM_SECRET);
    }

    public GraphConnection contoso() {
        return connection(CONTOSO, "contoso-admin", CONTOSO_SECRET);
    }

    /** Fabrikam's admin app with another secret than its own, which the identity platform refuses. */
    public GraphConnection fabrikamWithSecret(String secret) {
        return connection(FABRIKAM, "fabrikam-admin", secret);
    }

    /** Contoso's admin app with another secret than its own, which the identity platform refuses. */
    public GraphConnection contosoWithSecret(String secret) {
        return connection(CONTOSO, "contoso-admin", secret);
    }

    GraphConnection connection(UUID tenant, String clientId, String secret) {
        return new GraphConnection(server.baseUri(), URI.create(server.baseUri() + "/v1.0"), tenant.toString(),
                clientId, secret, server.caCertificate(), MicrosoftCloud.GLOBAL);
    }

    /** Both halves of the CTS opt-in: fabrikam lets contoso's users in, contoso lets them go, both auto-redeem. */
    public void allowSync() {
        GraphServiceClient fabrikam = TenantGraphClientFactory.create(fabrikam(), GraphClientOptions.DEFAULTS);
        GraphServiceClient contoso = TenantGraphClientFactory.create(contoso(), GraphClientOptions.DEFAULTS);
        var inbound = fabrikam.policies().crossTenantAccessPolicy().partners();
        inbound.post(partner(CONTOSO));
        var fromContoso = inbound.byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString());
        fromContoso.identitySynchronization().put(syncPolicy(true));
        fromContoso.patch(consent(true, null));
        var outbound = contoso.policies().crossTenantAccessPolicy().partners();
        outbound.post(partner(FABRIKAM));
        outbound.byCrossTenantAccessPolicyConfigurationPartnerTenantId(FABRIKAM.toString()).patch(consent(null, true));
    }

    /**
     * Fabrikam withdraws identity sync inbound from contoso (deleting its identity synchronization policy), or allows
     * it again (creating the policy: a PUT on an existing one is a conflict).
     */
    public void setInboundSync(boolean allowed) {
        GraphServiceClient fabrikam = TenantGraphClientFactory.create(fabrikam(), GraphClientOptions.DEFAULTS);
        var policy = fabrikam.policies().crossTenantAccessPolicy().partners()
                .byCrossTenantAccessPolicyConfigurationPartnerTenantId(CONTOSO.toString()).identitySynchronization();
        if (allowed) {
            policy.put(syncPolicy(true));
        } else {
            policy.delete();
        }
    }

    static CrossTenantAccessPolicyConfigurationPartner partner(UUID tenantId) {
        var partner = new CrossTenantAccessPolicyConfigurationPartner();
        partner.setTenantId(tenantId.toString());
        return partner;
    }

    static CrossTenantAccessPolicyConfigurationPartner consent(Boolean inbound, Boolean outbound) {
        var settings = new InboundOutboundPolicyConfiguration();
        if (inbound != null) {
            settings.setInboundAllowed(inbound);
        }
        if (outbound != null) {
            settings.setOutboundAllowed(outbound);
        }
        var partner = new CrossTenantAccessPolicyConfigurationPartner();
        partner.setAutomaticUserConsentSettings(settings);
        return partner;
    }

    static CrossTenantIdentitySyncPolicyPartner syncPolicy(boolean allowed) {
        var sync = new CrossTenantIdentitySyncPolicyPartner();
        sync.setDisplayName("Contoso");
        var inbound = new CrossTenantUserSyncInbound();
        inbound.setIsSyncAllowed(allowed);
        sync.setUserSyncInbound(inbound);
        return sync;
    }

    /** The last journal sequence number, to read only what a test caused. */
    public long journalMark() {
        List<RequestJournal.Entry> all = server.components().journal().since(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    /** Requests answered after {@code mark} whose path ends with {@code pathSuffix}, oldest first. */
    public List<RequestJournal.Entry> journalSince(long mark, String pathSuffix) {
        return server.components().journal().since(mark).stream().filter(e -> e.path().endsWith(pathSuffix)).toList();
    }

    /**
     * Graph writes (POST, PATCH, PUT, DELETE) answered after {@code mark}, to either tenant: requests sent alone and
     * requests inside a {@code $batch}, whose envelope is no write of its own.
     */
    public long graphWritesSince(long mark) {
        return server.components().journal().since(mark).stream().filter(EmulatedTenants::isGraphWrite).count();
    }

    /** Whether a journal entry is a Graph write: alone ({@code /v1.0/…}) or inside a batch ({@code $batch>/v1.0/…}). */
    public static boolean isGraphWrite(RequestJournal.Entry e) {
        String path = graphPath(e);
        return Set.of("POST", "PATCH", "PUT", "DELETE").contains(e.method()) && path.startsWith("/v1.0")
                && !path.equals("/v1.0/$batch");
    }

    /** The entry's Graph path whether it was sent alone or inside a {@code $batch}. */
    public static String graphPath(RequestJournal.Entry e) {
        return e.path().startsWith("$batch>") ? e.path().substring("$batch>".length()) : e.path();
    }

    /** The emulator controls' base URL ({@code …/_emulator}). */
    public URI controlUrl() {
        return URI.create(server.baseUri() + "/_emulator");
    }

    /** The bearer token the emulator controls accept. */
    public String controlToken() {
        return CONTROL_TOKEN;
    }

    /** Adds a fault rule through {@code /_emulator/faults} (see the emulator's FaultRule for the shape). */
    public void addFault(String rule) {
        control("POST", "faults", rule);
    }

    /**
     * Moves the emulator's directory time forward through {@code /_emulator/clock/advance}; soft-deleted objects past
     * retention are purged at once.
     */
    public void advanceClock(Duration by) {
        control("POST", "clock/advance", "{\"by\":\"" + by + "\"}");
    }

    public void clearFaults() {
        control("DELETE", "faults", null);
    }

    /**
     * Adds {@code count} generated member users {@code <prefix><n>@<initial domain>} to a tenant ({@code contoso} or
     * {@code fabrikam}) through {@code /_emulator/tenants/{tenant}/seed}, much faster than creating them through Graph.
     */
    public void seedUsers(String tenant, int count, String prefix) {
        control("POST", "tenants/" + tenant + "/seed", "{\"users\":" + count + ",\"prefix\":\"" + prefix + "\"}");
    }

    /** The fault rules with their counters ({@code matched}, {@code injected}), as {@code GET /_emulator/faults} lists them. */
    public String faults() {
        return control("GET", "faults", null);
    }

    private String control(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/_emulator/" + path))
                .header("Authorization", "Bearer " + CONTROL_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = controlHttp.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " /_emulator/" + path + " → " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
