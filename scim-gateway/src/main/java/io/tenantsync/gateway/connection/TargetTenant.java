package io.tenantsync.gateway.connection;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant a connection provisions into, and the app credentials the gateway uses on its Graph.
 *
 * @param cloud         {@code global}, {@code usGov} or {@code china}
 * @param caCertificate a PEM file to trust for the authority and Graph (emulated tenants), if any
 */
public record TargetTenant(String authorityHost, String graphBaseUrl, String cloud, String tenantId, String clientId,
                           String clientSecret, Optional<Path> caCertificate) {
    public TargetTenant {
        Objects.requireNonNull(authorityHost, "target.authorityHost");
        Objects.requireNonNull(graphBaseUrl, "target.graphBaseUrl");
        Objects.requireNonNull(tenantId, "target.tenantId");
        Objects.requireNonNull(clientId, "target.clientId");
        Objects.requireNonNull(clientSecret, "target.clientSecret");
        cloud = cloud == null ? "global" : cloud;
        caCertificate = caCertificate == null ? Optional.empty() : caCertificate;
    }

    /** Never shows the client secret: records print every component, and configurations end up in logs. */
    @Override
    public String toString() {
        return "TargetTenant[authorityHost=" + authorityHost + ", graphBaseUrl=" + graphBaseUrl + ", cloud=" + cloud
                + ", tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=***, caCertificate=" + caCertificate + "]";
    }
}
