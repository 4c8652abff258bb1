package io.tenantsync.gateway.connection;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection file. */
class GatewayConfigTest {
    @Test
    void readsEveryPartOfAConnectionWithDefaults() {
        GatewayConfig config = GatewayFixture.config("a", "b");
        Connection alpha = config.connection("alpha").orElseThrow();
        assertThat(alpha.sourceTenantId()).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(alpha.target().graphBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(alpha.mappings().path("user").get(0).path("target").asText()).isEqualTo("displayName");
        assertThat(alpha.deprovisioning().onDelete()).isEqualTo(Deprovisioning.DeleteAction.SOFT_DELETE);
        assertThat(alpha.provisioningWait()).isEqualTo(Duration.ofSeconds(2));
        Connection beta = config.connection("beta").orElseThrow();
        assertThat(beta.provisioningWait()).isEqualTo(Connection.DEFAULT_PROVISIONING_WAIT);
        assertThat(beta.deprovisioning()).isEqualTo(Deprovisioning.DEFAULTS);
        assertThat(beta.target().cloud()).isEqualTo("global");
        assertThat(beta.target().caCertificate()).isEmpty();
    }

    @Test
    void clientSecretsNeverAppearInToString() {
        Connection alpha = GatewayFixture.config("a", "b").connection("alpha").orElseThrow();
        assertThat(alpha.toString()).doesNotContain("target-app-secret");
    }

    @Test
    void typosAndMissingCredentialsAreErrors() {
        assertThatThrownBy(() -> GatewayConfig.parse(GatewayFixture.configYaml("a", "b").replace("provisioningWait", "provisioningWiat")))
                .isInstanceOf(IOException.class).hasMessageContaining("provisioningWiat");
        assertThatThrownBy(() -> GatewayConfig.parse("""
                connections:
                  - id: x
                    sourceTenantId: s
                    target: {authorityHost: a, graphBaseUrl: g, tenantId: t, clientId: c, clientSecret: s}
                    authentication: {}
                """)).isInstanceOf(IOException.class).hasMessageContaining("bearer secret");
    }
}
