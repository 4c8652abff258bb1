package io.tenantsync.emulator.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.RequestJournal;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The Microsoft identity platform endpoints an app-only client needs: the v2.0 token endpoint (client credentials),
 * OpenID configuration, JWKS and instance discovery. Errors are AADSTS-shaped.
 */
@jakarta.inject.Singleton
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class IdentityResource {
    private static final DateTimeFormatter AAD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> NON_TENANTS = Set.of("common", "organizations", "consumers");

    private final EmulatorConfig config;
    private final TokenService tokens;
    private final ObjectMapper json;
    private final Clock wall;
    private final RequestJournal journal;

    @Inject
    public IdentityResource(EmulatorConfig config, TokenService tokens, ObjectMapper json, Clock wall, RequestJournal journal) {
        this.config = config;
        this.tokens = tokens;
        this.json = json;
        this.wall = wall;
        this.journal = journal;
    }

    @POST
    @Path("{tenant}/oauth2/v2.0/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@PathParam("tenant") String tenantKey, MultivaluedMap<String, String> form,
                          @HeaderParam("Authorization") String authorization,
                          @HeaderParam("client-request-id") String clientRequestId) {
        String correlation = clientRequestId == null ? UUID.randomUUID().toString() : clientRequestId;
        Response r = issue(tenantKey, form, authorization, correlation);
        journal.record("POST", "/" + tenantKey + "/oauth2/v2.0/token", r.getStatus(), null, null);
        return Response.fromResponse(r).header("client-request-id", correlation).build();
    }

    private Response issue(String tenantKey, MultivaluedMap<String, String> form, String authorization, String correlation) {
        if (NON_TENANTS.contains(tenantKey.toLowerCase())) {
            return aadError(400, "invalid_request", 50059,
                    "No tenant-identifying information found in either the request or implied by any provided credentials.", correlation);
        }
        Optional<TenantConfig> tenant = config.tenant(tenantKey);
        if (tenant.isEmpty()) {
            return aadError(400, "invalid_tenant", 90002, "Tenant '" + tenantKey + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", correlation);
        }
        String grant = form.getFirst("grant_type");
        if (!"client_credentials".equals(grant)) {
            return aadError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grant + "'.", correlation);
        }
        String clientId = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    clientId = java.net.URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                    secret = java.net.URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return aadError(401, "invalid_client", 7000216, "Malformed client credentials in the Authorization header.", correlation);
            }
        }
        if (clientId == null || clientId.isBlank()) {
            return aadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", correlation);
        }
        String finalClientId = clientId;
        Optional<AppRegistration> app = tenant.get().apps().stream().filter(a -> a.clientId().equals(finalClientId)).findFirst();
        if (app.isEmpty()) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant.get().initialDomain() + "'.", correlation);
        }
        if (form.containsKey("client_assertion")) {
            return aadError(401, "invalid_client", 700027, "Client assertions are not supported by this emulator; use a client secret.", correlation);
        }
        if (secret == null || !constantTimeEquals(secret, app.get().clientSecret())) {
            return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.", correlation);
        }
        String scope = Optional.ofNullable(form.getFirst("scope")).orElse("");
        String resource = tenant.get().cloud().graphResource();
        boolean graphDefault = false;
        for (String s : scope.split(" ")) {
            if (s.isBlank() || s.equals("openid") || s.equals("profile") || s.equals("offline_access")) continue;
            if (s.equalsIgnoreCase(resource + "/.default") || s.equalsIgnoreCase("00000003-0000-0000-c000-000000000000/.default")) {
                graphDefault = true;
            } else {
                return aadError(400, "invalid_scope", 1002012, "The provided value for scope " + s
                        + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", correlation);
            }
        }
        if (!graphDefault) {
            return aadError(400, "invalid_scope", 1002012, "The provided value for scope '" + scope
                    + "' is not valid. Request " + resource + "/.default.", correlation);
        }
        ObjectNode body = json.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", TokenService.LIFETIME.toSeconds());
        body.put("ext_expires_in", TokenService.LIFETIME.toSeconds());
        body.put("access_token", tokens.issue(tenant.get(), app.get()));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store, no-cache").build();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private Response aadError(int status, String error, int code, String description, String correlation) {
        String trace = UUID.randomUUID().toString();
        String now = AAD_TIME.format(wall.instant());
        ObjectNode body = json.createObjectNode();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + trace
                + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + now);
        body.putArray("error_codes").add(code);
        body.put("timestamp", now);
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return Response.status(status).entity(body.toString()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{tenant}/v2.0/.well-known/openid-configuration")
    public Response openIdConfiguration(@PathParam("tenant") String tenantKey, @Context UriInfo uri) {
        Optional<TenantConfig> tenant = config.tenant(tenantKey);
        if (tenant.isEmpty()) {
            return aadError(400, "invalid_tenant", 90002, "Tenant '" + tenantKey + "' not found.", UUID.randomUUID().toString());
        }
        String base = authority(uri) + "/" + tenant.get().tenantId();
        ObjectNode body = json.createObjectNode();
        body.put("issuer", base + "/v2.0");
        body.put("token_endpoint", base + "/oauth2/v2.0/token");
        body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        body.put("jwks_uri", base + "/discovery/v2.0/keys");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        body.putArray("grant_types_supported").add("client_credentials");
        body.put("tenant_region_scope", "NA");
        body.put("cloud_instance_name", tenant.get().cloud().cloudEndpoint());
        body.put("msgraph_host", uri.getBaseUri().getAuthority());
        return Response.ok(body.toString()).build();
    }

    @GET
    @Path("{tenant}/discovery/v2.0/keys")
    public Response keys(@PathParam("tenant") String tenantKey) throws Exception {
        return Response.ok(json.writeValueAsString(tokens.jwks())).build();
    }

    @GET
    @Path("common/discovery/instance")
    public Response instanceDiscovery(@QueryParam("authorization_endpoint") String authorizationEndpoint, @Context UriInfo uri) {
        String host = uri.getBaseUri().getAuthority();
        ObjectNode body = json.createObjectNode();
        body.put("tenant_discovery_endpoint", authority(uri) + "/common/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        ObjectNode meta = body.putArray("metadata").addObject();
        meta.put("preferred_network", host);
        meta.put("preferred_cache", host);
        meta.putArray("aliases").add(host);
        return Response.ok(body.toString()).build();
    }

    private static String authority(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
