package io.tenantsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.cli.demo.CrossTenantAccess;
import io.tenantsync.cli.demo.DemoTenants;
import io.tenantsync.cli.demo.TenantGraphClient;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The emulator in this JVM (real HTTPS on a free port, in memory) with a source tenant {@code contoso} and a target
 * tenant {@code fabrikam} that allow cross-tenant sync between them, and an admin client for each.
 */
final class TwoTenants implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final EmulatorConfig config = DemoTenants.generate();
    final TenantConfig source = DemoTenants.source(config);
    final TenantConfig target = DemoTenants.target(config);
    final Path pem;
    final EmulatorServer server;
    final TenantGraphClient sourceAdmin;
    final TenantGraphClient targetAdmin;

    TwoTenants(Path dir) {
        pem = dir.resolve("ca.pem").toAbsolutePath();
        server = EmulatorServer.start(new EmulatorServer.Options(config, 0, Optional.empty(), pem, Optional.empty()));
        sourceAdmin = TenantGraphClient.connect(server.baseUri(), pem, source, DemoTenants.admin(source));
        targetAdmin = TenantGraphClient.connect(server.baseUri(), pem, target, DemoTenants.admin(target));
        CrossTenantAccess.allowSync(sourceAdmin, targetAdmin);
    }

    /**
     * Delays each invitation the target tenant receives by {@code latency} (an emulator fault rule, set through its
     * controls), so that a test can act while a cycle is still creating users.
     */
    void slowTargetInvitations(java.time.Duration latency) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .sslContext(io.tenantsync.emulator.tls.LoopbackCertificates.clientContextFor(pem)).build();
        ObjectNode rule = JSON.createObjectNode();
        rule.putObject("match").put("tenant", target.tenantId().toString()).put("method", "POST")
                .put("pathPattern", "/v1.0/invitations");
        rule.putObject("action").put("latencyMs", latency.toMillis());
        java.net.http.HttpResponse<String> reply = http.send(java.net.http.HttpRequest.newBuilder(
                        server.baseUri().resolve("/_emulator/faults"))
                .header("Authorization", "Bearer " + config.controlToken()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(rule.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 201) throw new IllegalStateException("fault rule refused: " + reply.body());
    }

    /** Adds {@code count} member users to the source; returns their ids. */
    List<String> seedSourceUsers(String prefix, int first, int count) {
        return server.components().seeder().seedUsers(source, prefix, first, count);
    }

    /** Creates a security group in the source with these direct members; returns its id. */
    String sourceGroup(String name, List<String> members) {
        ObjectNode group = JSON.createObjectNode().put("displayName", name).put("mailEnabled", false)
                .put("mailNickname", name.replaceAll("[^A-Za-z0-9]", "")).put("securityEnabled", true);
        group.putArray("groupTypes");
        String id = sourceAdmin.call("POST", "/groups", group, 201).body().path("id").asText();
        members.forEach(m -> addMember(id, m));
        return id;
    }

    void addMember(String groupId, String userId) {
        sourceAdmin.call("POST", "/groups/" + groupId + "/members/$ref", JSON.createObjectNode()
                .put("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + userId), 204);
    }

    void removeMember(String groupId, String userId) {
        sourceAdmin.call("DELETE", "/groups/" + groupId + "/members/" + userId + "/$ref", null, 204);
    }

    /** Every user of the target, soft-deleted ones included, with the attributes the checks need. */
    List<JsonNode> targetUsers(boolean deleted) {
        List<JsonNode> users = new ArrayList<>();
        String next = (deleted ? "/directory/deletedItems/microsoft.graph.user" : "/users")
                + "?$select=id,mail,otherMails,userPrincipalName,accountEnabled,userType&$top=999";
        while (next != null) {
            JsonNode page = targetAdmin.call("GET", next, null, 200).body();
            page.path("value").forEach(users::add);
            String link = page.path("@odata.nextLink").asText(null);
            next = link == null ? null : link.substring(link.indexOf("/v1.0") + "/v1.0".length());
        }
        return users;
    }

    /** A job file for contoso → fabrikam; {@code scope} and {@code extra} are YAML blocks of the top level. */
    Path jobFile(Path dir, String name, String scope, String extra) throws IOException {
        return jobFile(dir, name, scope, extra, DemoTenants.admin(source).clientSecret());
    }

    Path jobFile(Path dir, String name, String scope, String extra, String sourceSecret) throws IOException {
        String yaml = "job: " + name + "\n"
                + "source:\n" + tenant(source, sourceSecret)
                + "target:\n  graph:\n" + tenant(target, DemoTenants.admin(target).clientSecret()).indent(2)
                + "scope:\n" + scope.indent(2)
                + "dataDir: " + name + "-data\n"
                + extra;
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A tenant's block of a job file (two-space indented), with this client secret. */
    String tenant(TenantConfig t, String secret) {
        return "  authorityHost: " + server.baseUri() + "\n"
                + "  graphBaseUrl: " + server.baseUri() + "/v1.0\n"
                + "  tenantId: " + t.tenantId() + "\n"
                + "  clientId: " + DemoTenants.admin(t).clientId() + "\n"
                + "  clientSecret: \"" + secret + "\"\n"
                + "  caCertificate: " + pem + "\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
