package io.tenantsync.gateway.server;

import io.tenantsync.gateway.scim.ScimErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;

/**
 * Serves the SCIM API under {@link GatewayServer#BASE_PATH} from a container mounted at the root. Mounting Jersey
 * at a context path makes Grizzly decode and map every URI itself, and it answers an id holding {@code %2F},
 * {@code %00}, invalid UTF-8 or {@code ../..} with an empty 500; mounted at the root, such ids reach the resources
 * and get SCIM errors. Anything outside the base path is a SCIM 404.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class ScimBasePath implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        URI requestUri = request.getUriInfo().getRequestUri();
        String path = requestUri.getRawPath();
        if (path != null && (path.equals(GatewayServer.BASE_PATH) || path.startsWith(GatewayServer.BASE_PATH + "/"))) {
            URI base = request.getUriInfo().getBaseUri().resolve(GatewayServer.BASE_PATH + "/");
            request.setRequestUri(base, requestUri);
        } else {
            request.abortWith(ScimErrors.response(404, null, "no such endpoint: the SCIM base path is " + GatewayServer.BASE_PATH));
        }
    }
}
