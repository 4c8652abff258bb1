package io.tenantsync.gateway.auth;

import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.scim.ScimErrors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The first stage of every request to a resource endpoint: the bearer credential must belong to a connection,
 * which the request then carries as {@link #CONNECTION}. Discovery endpoints describe the server, not a tenant's
 * data, and stay open.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    /** The request property holding the authenticated {@link Connection}. */
    public static final String CONNECTION = "tenantsync.connection";
    private static final Set<String> OPEN = Set.of("serviceproviderconfig", "resourcetypes", "schemas");

    private final Authenticator authenticator;
    private final RateLimiter limiter;

    @Inject
    public AuthenticationFilter(Authenticator authenticator, RateLimiter limiter) {
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        var segments = request.getUriInfo().getPathSegments();
        if (!segments.isEmpty() && OPEN.contains(segments.get(0).getPath().toLowerCase(Locale.ROOT))) return;
        Optional<Connection> connection = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (connection.isEmpty()) {
            request.abortWith(ScimErrors.response(401, null, "a valid bearer credential for a connection is required"));
            return;
        }
        Optional<Long> retryAfter = limiter.retryAfter(connection.get());
        if (retryAfter.isPresent()) {
            request.abortWith(Response.fromResponse(ScimErrors.response(429, null,
                    "too many requests for this connection; retry after " + retryAfter.get() + " s"))
                    .header(HttpHeaders.RETRY_AFTER, retryAfter.get()).build());
            return;
        }
        request.setProperty(CONNECTION, connection.get());
    }
}
