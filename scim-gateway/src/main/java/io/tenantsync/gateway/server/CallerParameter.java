package io.tenantsync.gateway.server;

import io.tenantsync.gateway.auth.Authenticated;
import io.tenantsync.gateway.auth.AuthenticationFilter;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.scim.Caller;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.spi.internal.ValueParamProvider;

import java.util.function.Function;

/**
 * Supplies {@code @Authenticated Caller} parameters straight from the request. Two {@code @Context} parameters
 * (the request context and its {@code UriInfo}) cost a request-scoped service lookup each, about a tenth of the
 * CPU of a filtered GET; this reads the same two things off the {@link ContainerRequest} Jersey hands over.
 */
final class CallerParameter implements ValueParamProvider {
    @Override
    public Function<ContainerRequest, ?> getValueProvider(Parameter parameter) {
        if (parameter.getRawType() != Caller.class || !parameter.isAnnotationPresent(Authenticated.class)) return null;
        return request -> new Caller((Connection) request.getProperty(AuthenticationFilter.CONNECTION), request.getBaseUri());
    }

    @Override
    public PriorityType getPriority() {
        return Priority.HIGH;
    }
}
