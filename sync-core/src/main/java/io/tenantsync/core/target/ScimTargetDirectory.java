package io.tenantsync.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.core.mapping.AttributeMapping;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.AutomaticUserConsentSettings;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.policy.TargetInboundSettings;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TargetDirectory} on any SCIM 2.0 endpoint (RFC 7643/7644): the tenantsync gateway, which provisions into a
 * target tenant through Graph, or a third party's. Users are translated as Entra's provisioning translates them for a
 * SCIM app ({@link ScimTargetDirectoryAttributes}); requests are those Entra sends (entra-semantics §5): lookups by
 * {@code filter=userName eq}, {@code POST}, {@code PATCH} with {@code add}/{@code replace}/{@code remove} operations,
 * {@code DELETE}; groups with member {@code PATCH}es.
 *
 * <p>What a SCIM endpoint does not have, and what follows:
 * <ul>
 *   <li><b>No recycle bin.</b> {@link #softDelete} is a {@code DELETE}; the user is then absent ({@link #get} never
 *       reports a soft-deleted user, so reconcile never decides to {@link #restore}). A user who comes back into scope
 *       within the window finds its link pointing at an absent resource and is created again: a new {@code POST}
 *       under the same {@code userName}. The tenantsync gateway then restores the target user it soft-deleted, never
 *       a second one, and the link moves to the new SCIM id.</li>
 *   <li><b>No trust settings to read.</b> The endpoint enforces consent itself (the tenantsync gateway refuses a write
 *       with 403 naming the missing consent, and stores nothing). {@link #inboundSettingsFor} therefore reports
 *       everything allowed — the decision is the endpoint's — and a 403 surfaces as {@link Kind#CREDENTIALS}, which
 *       stops the cycle, leaves the target as it was and quarantines the job until a later cycle succeeds, as a
 *       revoked credential does with Graph.</li>
 *   <li><b>Attributes without a SCIM home</b> ({@code userPrincipalName}, {@code showInAddressList}, …) are not sent;
 *       {@link #mappingsFor} drops them from a mapping set so that reconcile compares only what the endpoint keeps.</li>
 *   <li>A group's description has no SCIM attribute either and is not sent.</li>
 * </ul>
 *
 * <p>The HTTP client is the JDK's ({@code java.net.http}) with Jackson: it exposes {@code Retry-After} on every
 * response, sends {@code PATCH} natively and takes one {@link javax.net.ssl.SSLContext} for the endpoint alone, without
 * adding an HTTP stack to sync-core. A 429, and a 503/504 of a request that is safe to repeat, are retried up to
 * {@link ScimTargetDirectoryOptions#maxRetries()} times, waiting as {@code Retry-After} says (when no longer than
 * {@link ScimTargetDirectoryOptions#maxRetryWait()}); then the failure is reported for the caller to escrow.
 * Thread-safe.
 */
public final class ScimTargetDirectory implements TargetDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ScimTargetDirectory.class);
    private static final String MEDIA_TYPE = "application/scim+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** When the endpoint gives no {@code Retry-After}: 1 s, 2 s, 4 s, … */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final ScimTargetDirectoryOptions options;
    private final HttpClient http;
    private final ScimTargetDirectoryFailures failures;
    private final String base;

    public ScimTargetDirectory(ScimTargetDirectoryOptions options) {
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        options.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
        this.failures = new ScimTargetDirectoryFailures(options.bearerToken(), Clock.systemUTC());
        this.base = options.baseUrl().toString();
    }

    /**
     * A directory for the endpoint at {@code baseUrl}, authenticated with {@code bearerToken}, trusting the CA
     * certificates in {@code caCertificatePem} when given (else the JDK's trust), with default timeouts and retries.
     */
    public static ScimTargetDirectory connect(URI baseUrl, String bearerToken, Optional<Path> caCertificatePem) {
        ScimTargetDirectoryOptions options = ScimTargetDirectoryOptions.of(baseUrl, bearerToken);
        return new ScimTargetDirectory(caCertificatePem.map(options::withCaCertificate).orElse(options));
    }

    public ScimTargetDirectoryOptions options() {
        return options;
    }

    /**
     * The mappings of {@code mappings} whose target attribute a SCIM User can hold, plus those that never reach the
     * target anyway (the matching {@code alternativeSecurityIds}, {@code IsSoftDeleted}): the mapping set for a sync
     * job writing to a SCIM endpoint. Without it, an attribute the endpoint cannot keep would look changed on every
     * cycle.
     */
    public static MappingSet mappingsFor(MappingSet mappings) {
        List<AttributeMapping> kept = new ArrayList<>();
        for (AttributeMapping mapping : mappings.mappings()) {
            if (ScimTargetDirectoryAttributes.supports(mapping.target()) || mapping.isMatching()
                    || "IsSoftDeleted".equalsIgnoreCase(mapping.target())) {
                kept.add(mapping);
            }
        }
        return MappingSet.of(kept, mappings.schema());
    }

    /** The CTS attribute names a SCIM User carries (see {@link ScimTargetDirectoryAttributes}). */
    public static Set<String> supportedAttributes() {
        return ScimTargetDirectoryAttributes.supported();
    }

    // ---------------------------------------------------------------- users

    @Override
    public TargetState get(String objectId) {
        Response response = send("GET /Users/{id}", "GET", "/Users/" + segment(objectId), null, true);
        if (response.status() == 404) {
            return TargetState.absent();
        }
        return present(expect(response, "GET /Users/{id}", 200));
    }

    /** {@code filter=userName eq "…"}: the invited address is the user's {@code userName}. */
    @Override
    public Optional<TargetState> findExternalUser(String invitedEmail) {
        return findByUserName(invitedEmail).map(this::present);
    }

    private Optional<JsonNode> findByUserName(String userName) {
        String filter = "userName eq \"" + userName.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        JsonNode list = expect(send("GET /Users?filter=userName eq", "GET", "/Users?filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"), null, true),
                "GET /Users?filter=userName eq", 200);
        for (JsonNode user : list.path("Resources")) {
            if (userName.strip().equalsIgnoreCase(user.path("userName").asText())) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    @Override
    public TargetState.Present createExternalUser(String invitedEmail, String userType, Attributes attributes) {
        return present(create(invitedEmail, userType, attributes));
    }

    @Override
    public String createExternalUserId(String invitedEmail, String userType, Attributes attributes) {
        return create(invitedEmail, userType, attributes).path("id").asText();
    }

    /**
     * {@code POST /Users}. A 409 ({@code uniqueness}) means a user with this {@code userName} exists — typically one
     * whose creation answered with a lost response: like an invitation for an address Graph already has, it is then
     * taken and brought up to the mapped attributes, never created twice.
     */
    private JsonNode create(String invitedEmail, String userType, Attributes attributes) {
        ObjectNode body = ScimTargetDirectoryAttributes.userForCreate(invitedEmail, userType, attributes);
        Response response = send("POST /Users", "POST", "/Users", body, false);
        if (response.status() == 409) {
            Optional<JsonNode> existing = findByUserName(invitedEmail);
            if (existing.isPresent()) {
                String id = existing.get().path("id").asText();
                LOG.debug("POST /Users: userName taken by {}; bringing that user up to the mapped attributes", id);
                Attributes current = ScimTargetDirectoryAttributes.read(existing.get());
                List<AttributeChange> changes = new ArrayList<>();
                for (String name : attributes.names()) {
                    String want = Attributes.text(attributes.get(name));
                    String have = Attributes.text(current.get(name));
                    boolean flag = "true".equalsIgnoreCase(want) || "false".equalsIgnoreCase(want);
                    if (want != null && !(flag ? want.equalsIgnoreCase(have) : want.equals(have))) {
                        changes.add(new AttributeChange(name, current.get(name), attributes.get(name)));
                    }
                }
                update(id, changes);
                return fetch(id);
            }
        }
        JsonNode created = expect(response, "POST /Users", 201);
        if (!created.path("id").isTextual()) {
            throw new TargetDirectoryException(Kind.UNAVAILABLE, "InvalidResponse",
                    "POST /Users: the created user has no id", response.status(), null, null);
        }
        return created;
    }

    private JsonNode fetch(String id) {
        return expect(send("GET /Users/{id}", "GET", "/Users/" + segment(id), null, true), "GET /Users/{id}", 200);
    }

    /** One {@code PATCH} with an operation per change; attributes a SCIM User cannot hold are not sent. */
    @Override
    public void update(String objectId, List<AttributeChange> changes) {
        Optional<ObjectNode> patch = ScimTargetDirectoryAttributes.patchFor(changes);
        if (patch.isPresent()) {
            expectNoBody(send("PATCH /Users/{id}", "PATCH", "/Users/" + segment(objectId), patch.get(), true),
                    "PATCH /Users/{id}");
        }
    }

    @Override
    public void disable(String objectId) {
        ObjectNode patch = ScimTargetDirectoryAttributes.patch("replace", "active",
                JsonNodeFactory.instance.booleanNode(false));
        expectNoBody(send("PATCH /Users/{id} active", "PATCH", "/Users/" + segment(objectId), patch, true),
                "PATCH /Users/{id} active");
    }

    /** {@code DELETE /Users/{id}}: the endpoint has no recycle bin (see the class comment for what follows). */
    @Override
    public void softDelete(String objectId) {
        expectNoBody(send("DELETE /Users/{id}", "DELETE", "/Users/" + segment(objectId), null, true),
                "DELETE /Users/{id}");
    }

    /**
     * A SCIM endpoint keeps no deleted users, so there is nothing to restore: reconcile never asks, because
     * {@link #get} never reports a soft-deleted user. Fails with {@link Kind#NOT_FOUND}.
     */
    @Override
    public void restore(String objectId) {
        throw new TargetDirectoryException(Kind.NOT_FOUND, "NotFound",
                "restore: a SCIM endpoint keeps no deleted users; the user is created again instead", 0, null, null);
    }

    /** {@code DELETE}; a user already gone is what a hard delete wants. */
    @Override
    public void hardDelete(String objectId) {
        Response response = send("DELETE /Users/{id}", "DELETE", "/Users/" + segment(objectId), null, true);
        if (response.status() != 404) {
            expectNoBody(response, "DELETE /Users/{id}");
        }
    }

    // ---------------------------------------------------------------- groups

    /** {@code POST /Groups} with the display name and no members; SCIM has no group description. */
    @Override
    public String createSecurityGroup(String displayName, String description) {
        ObjectNode group = JsonNodeFactory.instance.objectNode();
        group.putArray("schemas").add(ScimTargetDirectoryAttributes.CORE_GROUP);
        group.put("displayName", displayName);
        JsonNode created = expect(send("POST /Groups", "POST", "/Groups", group, false), "POST /Groups", 201);
        return created.path("id").asText();
    }

    @Override
    public void updateGroup(String groupId, String displayName, String description) {
        ObjectNode patch = ScimTargetDirectoryAttributes.patch("replace", "displayName",
                JsonNodeFactory.instance.textNode(displayName));
        expectNoBody(send("PATCH /Groups/{id}", "PATCH", "/Groups/" + segment(groupId), patch, true),
                "PATCH /Groups/{id}");
    }

    @Override
    public void deleteGroup(String groupId) {
        expectNoBody(send("DELETE /Groups/{id}", "DELETE", "/Groups/" + segment(groupId), null, true),
                "DELETE /Groups/{id}");
    }

    @Override
    public void addMember(String groupId, String memberId) {
        ObjectNode member = JsonNodeFactory.instance.objectNode().put("value", memberId);
        ObjectNode patch = ScimTargetDirectoryAttributes.patch("add", "members",
                JsonNodeFactory.instance.arrayNode().add(member));
        expectNoBody(send("PATCH /Groups/{id} add member", "PATCH", "/Groups/" + segment(groupId), patch, true),
                "PATCH /Groups/{id} add member");
    }

    /**
     * Removes by {@code members[value eq "…"]}. SCIM endpoints answer the removal of a non-member with success, so
     * membership is read first to report {@link Kind#NOT_FOUND} as the port says.
     */
    @Override
    public void removeMember(String groupId, String memberId) {
        if (!memberIds(groupId).contains(memberId)) {
            throw new TargetDirectoryException(Kind.NOT_FOUND, "NotFound",
                    "PATCH /Groups/{id} remove member: not a member", 0, null, null);
        }
        String path = "members[value eq \"" + memberId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        ObjectNode patch = ScimTargetDirectoryAttributes.patch("remove", path, null);
        expectNoBody(send("PATCH /Groups/{id} remove member", "PATCH", "/Groups/" + segment(groupId), patch, true),
                "PATCH /Groups/{id} remove member");
    }

    @Override
    public List<String> memberIds(String groupId) {
        JsonNode group = expect(send("GET /Groups/{id}?attributes=members", "GET",
                "/Groups/" + segment(groupId) + "?attributes=members", null, true),
                "GET /Groups/{id}?attributes=members", 200);
        List<String> ids = new ArrayList<>();
        for (JsonNode member : group.path("members")) {
            if (member.path("value").isTextual()) {
                ids.add(member.path("value").textValue());
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- trust

    /**
     * Everything allowed, whatever the source's cloud: a SCIM endpoint publishes no cross-tenant settings and enforces
     * consent on each write itself (see the class comment). The source side of the trust decision is still the
     * source tenant's own outbound settings.
     */
    @Override
    public TargetInboundSettings inboundSettingsFor(String sourceTenantId) {
        AutomaticUserConsentSettings allowed = new AutomaticUserConsentSettings(true, false);
        return new TargetInboundSettings(options.targetTenantId(), options.cloud(),
                EnumSet.allOf(MicrosoftCloud.class), allowed, allowed, true, true);
    }

    // ---------------------------------------------------------------- HTTP

    private record Response(int status, java.net.http.HttpHeaders headers, String body) {}

    private TargetState.Present present(JsonNode user) {
        return new TargetState.Present(user.path("id").asText(), TargetState.Origin.EXTERNAL,
                ScimTargetDirectoryAttributes.read(user));
    }

    private JsonNode expect(Response response, String operation, int status) {
        if (response.status() != status) {
            throw failure(operation, response);
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TargetDirectoryException(Kind.UNAVAILABLE, "InvalidResponse", operation + ": HTTP "
                    + response.status() + " with a body that is not a SCIM resource", response.status(), null, e);
        }
    }

    /** 200 with the resource or 204 without (RFC 7644 §3.5.2 allows either for PATCH; DELETE answers 204). */
    private void expectNoBody(Response response, String operation) {
        if (response.status() != 200 && response.status() != 204) {
            throw failure(operation, response);
        }
    }

    private TargetDirectoryException failure(String operation, Response response) {
        return failures.classify(operation, response.status(), response.headers(), response.body());
    }

    /**
     * Sends one request, retrying a 429 (and a 503/504 when {@code repeatable}) within the configured bounds. A
     * failure to get any response becomes {@link Kind#UNAVAILABLE}.
     */
    private Response send(String operation, String method, String pathAndQuery, JsonNode body, boolean repeatable) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(options.requestTimeout())
                .header("Authorization", "Bearer " + options.bearerToken())
                .header("Accept", MEDIA_TYPE);
        if (body != null) {
            try {
                request.header("Content-Type", MEDIA_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException("a JSON tree always serialises", e);
            }
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = request.build();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 0; ; attempt++) {
            Response response;
            try {
                HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
                response = new Response(answer.statusCode(), answer.headers(), answer.body());
            } catch (IOException e) {
                throw failures.noResponse(operation, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetDirectoryException(Kind.UNAVAILABLE, TargetDirectoryException.NO_RESPONSE,
                        operation + ": interrupted", 0, null, e);
            }
            int status = response.status();
            boolean retriable = status == 429 || repeatable && (status == 503 || status == 504);
            if (!retriable || attempt >= options.maxRetries()) {
                return response;
            }
            Duration wait = failures.retryAfter(response.headers()).orElse(backoff);
            if (wait.compareTo(options.maxRetryWait()) > 0) {
                return response; // longer than a request should block: the caller escrows it
            }
            LOG.debug("{}: HTTP {}, retry {} in {} ms", operation, status, attempt + 1, wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** A resource id as one path segment: percent-encoded, so an id can never reach another path. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
