package io.tenantsync.core.target;

import io.tenantsync.core.policy.MicrosoftCloud;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one tenant's Microsoft Graph with app credentials: an Entra tenant, or an emulated one.
 *
 * @param authorityHost    the identity platform root, e.g. {@code https://login.microsoftonline.com} or the emulator's
 *                         {@code https://127.0.0.1:PORT}; must be https
 * @param graphBaseUrl     Graph's root including the version, e.g. {@code https://graph.microsoft.com/v1.0}
 * @param tenantId         the tenant's id (GUID) or verified domain
 * @param clientId         the app registration's client id
 * @param clientSecret     the app's client secret; never printed
 * @param caCertificatePem a PEM file of the certificate authorities to trust instead of the JDK's, for an emulator
 *                         with its own CA; null to use the JDK's trust store
 * @param cloud            the cloud the tenant lives in; it decides the token scope
 */
public record GraphConnection(URI authorityHost, URI graphBaseUrl, String tenantId, String clientId,
                              String clientSecret, Path caCertificatePem, MicrosoftCloud cloud) {

    public GraphConnection {
        Objects.requireNonNull(authorityHost, "authorityHost");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(cloud, "cloud");
        if (!"https".equalsIgnoreCase(authorityHost.getScheme()) || authorityHost.getHost() == null) {
            // azure-identity and msal4j both refuse anything else; say so before they do, with the value
            throw new IllegalArgumentException("the authority host must be an https URL, not " + authorityHost);
        }
        if (graphBaseUrl.getScheme() == null || graphBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("the Graph base URL must be absolute, not " + graphBaseUrl);
        }
        String base = graphBaseUrl.toString();
        if (base.endsWith("/")) {
            graphBaseUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    /** A connection to a tenant of a Microsoft cloud, at the cloud's own authority and Graph hosts. */
    public static GraphConnection microsoftCloud(MicrosoftCloud cloud, String tenantId, String clientId,
                                                 String clientSecret) {
        return new GraphConnection(URI.create(cloud.authorityHost()), URI.create(graphRoot(cloud) + "/v1.0"),
                tenantId, clientId, clientSecret, null, cloud);
    }

    /** The CA file, when one is configured. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificatePem);
    }

    /** The app-permission scope for the cloud's Graph, e.g. {@code https://graph.microsoft.us/.default}. */
    public String scope() {
        return graphRoot(cloud) + "/.default";
    }

    /** The host tokens may be sent to: the Graph base URL's (the SDK compares hosts without ports). */
    public String graphHost() {
        return graphBaseUrl.getHost().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the authority is the cloud's own. Instance discovery only works there: for any other host msal4j asks
     * login.microsoftonline.com about it, which stalls about 65 s when offline (graph.md §0, trick 3).
     */
    public boolean isMicrosoftAuthority() {
        return authorityHost.getHost().equalsIgnoreCase(URI.create(cloud.authorityHost()).getHost());
    }

    private static String graphRoot(MicrosoftCloud cloud) {
        return switch (cloud) {
            case GLOBAL -> "https://graph.microsoft.com";
            case US_GOV -> "https://graph.microsoft.us";
            case CHINA -> "https://microsoftgraph.chinacloudapi.cn";
        };
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "GraphConnection[authorityHost=" + authorityHost + ", graphBaseUrl=" + graphBaseUrl + ", tenantId="
                + tenantId + ", clientId=" + clientId + ", clientSecret=***, caCertificatePem=" + caCertificatePem
                + ", cloud=" + cloud + "]";
    }
}
