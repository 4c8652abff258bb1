package io.tenantsync.gateway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One source→target relationship: which SCIM clients may write to it, the target tenant its resources are
 * provisioned into, and how.
 *
 * @param mappings         the attribute-mapping block, kept as written for the provisioning side
 * @param provisioningWait how long a SCIM write waits for its change to reach the target before replying
 * @param rateLimit        how fast its clients may call; null for no limit
 * @param maxRequestBytes  the largest request body its clients may send, below the gateway-wide limit; null for
 *                         the gateway-wide limit
 */
public record Connection(String id, String sourceTenantId, TargetTenant target, JsonNode mappings, Deprovisioning deprovisioning,
                         Duration provisioningWait, ClientAuthentication authentication, RateLimit rateLimit, Integer maxRequestBytes) {
    /** The bounded wait when a connection names none. */
    public static final Duration DEFAULT_PROVISIONING_WAIT = Duration.ofSeconds(10);

    public Connection {
        Objects.requireNonNull(id, "connection id");
        if (id.isBlank() || id.length() > 128) throw new IllegalArgumentException("connection id must be 1 to 128 characters");
        Objects.requireNonNull(sourceTenantId, "sourceTenantId of connection " + id);
        Objects.requireNonNull(target, "target of connection " + id);
        Objects.requireNonNull(authentication, "authentication of connection " + id);
        mappings = mappings == null ? NullNode.getInstance() : mappings;
        deprovisioning = deprovisioning == null ? Deprovisioning.DEFAULTS : deprovisioning;
        provisioningWait = provisioningWait == null ? DEFAULT_PROVISIONING_WAIT : provisioningWait;
        if (provisioningWait.isNegative()) throw new IllegalArgumentException("provisioningWait of connection " + id + " is negative");
        if (maxRequestBytes != null && maxRequestBytes < 1) throw new IllegalArgumentException("maxRequestBytes of connection " + id + " must be positive");
    }

    /** A connection without a rate limit or a body limit of its own. */
    public Connection(String id, String sourceTenantId, TargetTenant target, JsonNode mappings, Deprovisioning deprovisioning,
                      Duration provisioningWait, ClientAuthentication authentication) {
        this(id, sourceTenantId, target, mappings, deprovisioning, provisioningWait, authentication, null, null);
    }

    public Optional<RateLimit> limit() {
        return Optional.ofNullable(rateLimit);
    }
}
