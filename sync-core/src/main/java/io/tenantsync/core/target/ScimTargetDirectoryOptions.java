package io.tenantsync.core.target;

import io.tenantsync.core.policy.MicrosoftCloud;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a {@link ScimTargetDirectory} reaches its SCIM endpoint.
 *
 * @param baseUrl        the SCIM base URL, e.g. {@code https://gateway.example.com/scim/v2} (a trailing {@code /} is
 *                       dropped)
 * @param bearerToken    the secret sent as {@code Authorization: Bearer}; never printed
 * @param sslContext     the TLS trust for an {@code https} endpoint whose certificate the JDK does not trust (e.g.
 *                       {@link #withCaCertificate one CA's PEM}); empty for the JDK's default trust
 * @param connectTimeout how long a connection may take to open
 * @param requestTimeout how long one request may take until its response headers arrive
 * @param maxRetries     how often a 429, or a 503/504 of a request that is safe to repeat, is retried before the
 *                       failure is reported
 * @param maxRetryWait   the longest {@code Retry-After} honoured by waiting; a longer one is reported at once, for the
 *                       caller to escrow
 * @param targetTenantId what {@link ScimTargetDirectory#inboundSettingsFor} names as the target (the tenant behind the
 *                       endpoint, when known; else the base URL)
 * @param cloud          the cloud the endpoint's tenant is in, for the same settings
 */
public record ScimTargetDirectoryOptions(URI baseUrl, String bearerToken, Optional<SSLContext> sslContext,
                                         Duration connectTimeout, Duration requestTimeout, int maxRetries,
                                         Duration maxRetryWait, String targetTenantId, MicrosoftCloud cloud) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The tenantsync gateway waits up to 10 s for the target tenant before it replies; this leaves room for that. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(10);

    public ScimTargetDirectoryOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        Objects.requireNonNull(targetTenantId, "targetTenantId");
        Objects.requireNonNull(cloud, "cloud");
        String scheme = baseUrl.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the SCIM base URL must be an http(s) URL, not " + baseUrl);
        }
        String text = baseUrl.toString();
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the SCIM base URL must have no query or fragment: " + baseUrl);
        }
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        baseUrl = URI.create(text);
        if (bearerToken.isBlank()) {
            throw new IllegalArgumentException("the SCIM bearer token is empty");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    /** An endpoint with the JDK's trust, default timeouts and retries; the target named by the base URL. */
    public static ScimTargetDirectoryOptions of(URI baseUrl, String bearerToken) {
        return new ScimTargetDirectoryOptions(baseUrl, bearerToken, Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT, baseUrl.toString(),
                MicrosoftCloud.GLOBAL);
    }

    /** Trusts exactly the certificate authorities of this PEM file for the endpoint's TLS certificate. */
    public ScimTargetDirectoryOptions withCaCertificate(Path pem) {
        return withSslContext(CaCertificateTrust.fromPem(pem).sslContext());
    }

    public ScimTargetDirectoryOptions withSslContext(SSLContext context) {
        return new ScimTargetDirectoryOptions(baseUrl, bearerToken, Optional.of(context), connectTimeout,
                requestTimeout, maxRetries, maxRetryWait, targetTenantId, cloud);
    }

    public ScimTargetDirectoryOptions withTimeouts(Duration connect, Duration request) {
        return new ScimTargetDirectoryOptions(baseUrl, bearerToken, sslContext, connect, request, maxRetries,
                maxRetryWait, targetTenantId, cloud);
    }

    public ScimTargetDirectoryOptions withRetries(int retries, Duration longestWait) {
        return new ScimTargetDirectoryOptions(baseUrl, bearerToken, sslContext, connectTimeout, requestTimeout,
                retries, longestWait, targetTenantId, cloud);
    }

    public ScimTargetDirectoryOptions withTargetTenant(String tenantId, MicrosoftCloud tenantCloud) {
        return new ScimTargetDirectoryOptions(baseUrl, bearerToken, sslContext, connectTimeout, requestTimeout,
                maxRetries, maxRetryWait, tenantId, tenantCloud);
    }

    /** Without the token: options end up in logs and exception messages. */
    @Override
    public String toString() {
        return "ScimTargetDirectoryOptions[baseUrl=" + baseUrl + ", bearerToken=(hidden), customTrust="
                + sslContext.isPresent() + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxRetries=" + maxRetries + ", maxRetryWait=" + maxRetryWait + ", targetTenantId="
                + targetTenantId + ", cloud=" + cloud + "]";
    }
}
