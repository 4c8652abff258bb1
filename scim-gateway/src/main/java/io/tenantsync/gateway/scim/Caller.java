package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.connection.Connection;

import java.net.URI;

/**
 * Who a resource request comes from and where it was addressed: the connection its credential authenticated (set by
 * {@link io.tenantsync.gateway.auth.AuthenticationFilter}) and the SCIM base URI locations are built on. Resource
 * methods receive it as a parameter annotated {@link io.tenantsync.gateway.auth.Authenticated}.
 */
public record Caller(Connection connection, URI base) {}
