package io.tenantsync.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.gateway.auth.SecretHash;
import io.tenantsync.gateway.connection.ClientAuthentication;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.connection.Deprovisioning;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.connection.TargetTenant;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The demo's gateway connection: SCIM clients of contoso provision into fabrikam through the emulator's Graph, with
 * the CTS default mappings plus the tenant-of-origin pattern ({@code companyName} = "Contoso (Synced)").
 */
public final class DemoGateway {
    public static final String CONNECTION = "contoso-to-fabrikam";
    static final String MAPPINGS = """
            {"extends": "cts-defaults",
             "mappings": [{"target": "companyName", "constant": "Contoso (Synced)"}]}""";

    private DemoGateway() {}

    /** A connection file for one connection whose SCIM clients present {@code secret}. */
    public static GatewayConfig config(URI emulator, Path caPem, TenantConfig source, TenantConfig target,
                                       AppRegistration targetApp, String secret) {
        try {
            SecureRandom random = new SecureRandom();
            Connection connection = new Connection(CONNECTION, source.tenantId().toString(),
                    new TargetTenant(emulator.toString(), emulator + "/v1.0", "global", target.tenantId().toString(),
                            targetApp.clientId(), targetApp.clientSecret(), Optional.of(caPem)),
                    new ObjectMapper().readTree(MAPPINGS), Deprovisioning.DEFAULTS, null,
                    new ClientAuthentication(List.of(SecretHash.of(secret, random)), Optional.empty()));
            return new GatewayConfig(List.of(connection));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the demo mappings are not valid JSON", e);
        }
    }

    public static String newSecret() {
        return SecretHash.newSecret(new SecureRandom());
    }
}
