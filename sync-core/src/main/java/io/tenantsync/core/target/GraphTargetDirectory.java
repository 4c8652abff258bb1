package io.tenantsync.core.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.Invitation;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.ReferenceUpdate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.VerifiedDomain;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.identity.UserType;
import io.tenantsync.core.mapping.UserSchema;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.policy.TargetInboundSettings;
import io.tenantsync.core.reconcile.AttributeChange;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TargetDirectory} on Microsoft Graph through the official SDK: the same requests against Entra and against the
 * tenant emulator. Users are created through {@code POST /invitations} (the only way Graph creates B2B users) and then
 * one {@code PATCH /users/{id}}; soft-deleted users are read, restored and purged under
 * {@code /directory/deletedItems}.
 *
 * <p>Writes whose body must be able to clear a property ({@code null}) are sent as JSON built here through the SDK's
 * own request information and adapter, because the SDK's models omit null properties when they serialise. User reads
 * and writes go through a {@link GraphBatcher}: the requests of concurrent callers (the gateway's workers, the job's)
 * share {@code $batch} requests, each still answered on its own; a caller submits a request only after the one it
 * depends on has answered (the invitation before the update of the user it made). Retries of 429/503/504 happen in
 * the SDK's retry handler for a request sent alone and in the batcher for one inside a batch, both honouring
 * {@code Retry-After} (see {@link TenantGraphClientFactory}); a failure that outlives them surfaces as a
 * {@link TargetDirectoryException}. Groups, paging and policy reads are sent alone. Thread-safe.
 */
public final class GraphTargetDirectory implements TargetDirectory {

    /** Graph's largest page of directory objects. */
    private static final int MAX_PAGE = 999;

    private static final Logger LOG = LoggerFactory.getLogger(GraphTargetDirectory.class);

    /** Where a redeemed invitation would send the user; CTS users never see it (no invitation message is sent). */
    public static final URI DEFAULT_INVITE_REDIRECT = URI.create("https://myapps.microsoft.com");

    /** Graph's page size ceiling for directory collections. */
    private static final int PAGE_SIZE = 999;
    private static final String DELETED_DATE_TIME = "deletedDateTime";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Requests (plain or {@code $batch}) to the tenant out at once from this directory; callers beyond share batches.
     * Graph runs a batch's requests in parallel on its side, so a few in flight keep it busy.
     */
    private static final int MAX_IN_FLIGHT = 4;

    private final GraphServiceClient graph;
    private final String graphBaseUrl;
    private final URI inviteRedirectUrl;
    private final GraphFailureClassifier failures;
    private final GraphUserAttributes attributes = new GraphUserAttributes(UserSchema.entraUser());
    private final CrossTenantPolicyReader policies;
    private final GraphBatcher batcher;
    private volatile ExternalUpnFormat externalUpns;

    /**
     * @param graph             a client signed in to the connection's tenant
     * @param connection        the tenant: its Graph base URL names references, its secret is kept out of messages
     * @param inviteRedirectUrl the invitations' redirect URL
     */
    public GraphTargetDirectory(GraphServiceClient graph, GraphConnection connection, URI inviteRedirectUrl) {
        this(graph, connection, inviteRedirectUrl, GraphClientOptions.DEFAULTS);
    }

    /**
     * @param options the client's options: a throttled request inside a {@code $batch} is resent at most
     *                {@link GraphClientOptions#maxRetries()} times, as the SDK's retry handler does for a plain one
     */
    public GraphTargetDirectory(GraphServiceClient graph, GraphConnection connection, URI inviteRedirectUrl,
                                GraphClientOptions options) {
        this(graph, connection, inviteRedirectUrl, options, new ThrottlePacing());
    }

    /** @param pacing the pace {@code graph}'s own requests keep, so that throttled batches hold them as well */
    GraphTargetDirectory(GraphServiceClient graph, GraphConnection connection, URI inviteRedirectUrl,
                         GraphClientOptions options, ThrottlePacing pacing) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.graphBaseUrl = connection.graphBaseUrl().toString();
        this.inviteRedirectUrl = Objects.requireNonNull(inviteRedirectUrl, "inviteRedirectUrl");
        this.failures = new GraphFailureClassifier(connection.clientSecret());
        this.policies = new CrossTenantPolicyReader(graph, connection.tenantId(), connection.cloud(), failures);
        this.batcher = new GraphBatcher(graph, MAX_IN_FLIGHT, options.maxRetries(), pacing);
    }

    /** A directory on its own client for the connection, inviting with {@link #DEFAULT_INVITE_REDIRECT}. */
    public static GraphTargetDirectory forConnection(GraphConnection connection, GraphClientOptions options) {
        ThrottlePacing pacing = new ThrottlePacing();
        return new GraphTargetDirectory(TenantGraphClientFactory.create(connection, options, pacing), connection,
                DEFAULT_INVITE_REDIRECT, options, pacing);
    }

    // ---------------------------------------------------------------- users

    @Override
    public TargetState get(String objectId) {
        try {
            User user = send("GET /users/{id}", graph.users().byUserId(objectId).toGetRequestInformation(request -> {
                request.queryParameters.select = GraphUserAttributes.SELECT;
                request.queryParameters.expand = new String[] {GraphUserAttributes.MANAGER};
            }), User::createFromDiscriminatorValue);
            return present(user);
        } catch (TargetDirectoryException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
        }
        try {
            DirectoryObject deleted = send("GET /directory/deletedItems/{id}",
                    graph.directory().deletedItems().byDirectoryObjectId(objectId)
                            .toGetRequestInformation(request -> request.queryParameters.select = deletedSelect()),
                    DirectoryObject::createFromDiscriminatorValue);
            return deleted instanceof User user ? softDeleted(user) : TargetState.absent();
        } catch (TargetDirectoryException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return TargetState.absent();
            }
            throw e;
        }
    }

    /**
     * Looks the address up in {@code otherMails}, which the invitation sets and nothing the mappings write changes
     * (unlike {@code mail}); only B2B users count. An active user wins over soft-deleted ones; among those, the most
     * recently deleted.
     */
    @Override
    public Optional<TargetState> findExternalUser(String invitedEmail) {
        String filter = "otherMails/any(m:m eq '" + invitedEmail.strip().replace("'", "''") + "')";
        // both lookups at once (one batch, or part of one): the deleted one is wasted only when an active user exists
        List<CompletableFuture<GraphBatcher.Answer>> answers = batcher.submitAll(List.of(
                graph.users().toGetRequestInformation(request -> {
                    request.queryParameters.filter = filter;
                    request.queryParameters.select = new String[] {"id", "creationType", "externalUserState",
                        "userPrincipalName"};
                }),
                graph.directory().deletedItems().graphUser().toGetRequestInformation(request -> {
                    request.queryParameters.filter = filter;
                    request.queryParameters.select = deletedSelect();
                })));
        UserCollectionResponse active = answer("GET /users?$filter=otherMails", answers.get(0),
                UserCollectionResponse::createFromDiscriminatorValue);
        for (User user : values(active)) {
            if (GraphUserAttributes.origin(user) == TargetState.Origin.EXTERNAL) {
                return Optional.of(get(user.getId()));
            }
        }
        UserCollectionResponse deleted = answer("GET /directory/deletedItems/microsoft.graph.user?$filter=otherMails",
                answers.get(1), UserCollectionResponse::createFromDiscriminatorValue);
        return values(deleted).stream()
                .filter(user -> GraphUserAttributes.origin(user) == TargetState.Origin.EXTERNAL)
                .max(Comparator.comparing(user -> user.getDeletedDateTime() == null ? Instant.MIN
                        : user.getDeletedDateTime().toInstant()))
                .map(this::softDeleted);
    }

    /** Pages through the users and the deleted users with {@code $select=otherMails}, 999 a page. */
    @Override
    public Optional<Set<String>> matchableAddresses() {
        Set<String> addresses = new HashSet<>();
        UserCollectionResponse page = call("GET /users?$select=otherMails", () -> graph.users().get(request -> {
            request.queryParameters.select = new String[] {"id", "otherMails"};
            request.queryParameters.top = MAX_PAGE;
        }));
        while (page != null) {
            values(page).forEach(user -> addAddresses(user, addresses));
            String next = page.getOdataNextLink();
            page = next == null ? null : call("GET /users (next page)", () -> graph.users().withUrl(next).get());
        }
        UserCollectionResponse deleted = call("GET /directory/deletedItems/microsoft.graph.user?$select=otherMails",
                () -> graph.directory().deletedItems().graphUser().get(request -> {
                    request.queryParameters.select = new String[] {"id", "otherMails"};
                    request.queryParameters.top = MAX_PAGE;
                }));
        while (deleted != null) {
            values(deleted).forEach(user -> addAddresses(user, addresses));
            String next = deleted.getOdataNextLink();
            deleted = next == null ? null : call("GET /directory/deletedItems (next page)",
                    () -> graph.directory().deletedItems().graphUser().withUrl(next).get());
        }
        return Optional.of(addresses);
    }

    private static void addAddresses(User user, Set<String> addresses) {
        for (String mail : Optional.ofNullable(user.getOtherMails()).orElse(List.of())) {
            if (mail != null) {
                addresses.add(mail.strip().toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * Invites without a message (auto-redeemed when both tenants allow it), then writes every mapped attribute except
     * those the invitation already set the same way, then the manager. The mapped {@code userPrincipalName} is written
     * in the {@code #EXT#} form only when it differs from the one the invitation derived from the address (which may
     * carry a collision number). If a write after the invitation fails, the user exists: the failure names it
     * ({@link TargetDirectoryException#createdObjectId()}), and {@link #findExternalUser} finds it for the retry.
     */
    @Override
    public TargetState.Present createExternalUser(String invitedEmail, String userType, Attributes mapped) {
        String objectId = createExternalUserId(invitedEmail, userType, mapped);
        TargetState state = get(objectId);
        if (state instanceof TargetState.Present present) {
            return present;
        }
        throw new TargetDirectoryException(Kind.NOT_FOUND, "Request_ResourceNotFound",
                "GET /users/{id}: the user the invitation produced is not readable yet", 404, null, null);
    }

    /** The invitation and the update, without reading the user back. */
    @Override
    public String createExternalUserId(String invitedEmail, String userType, Attributes mapped) {
        String type = UserType.fromGraphValue(userType).orElseThrow(() -> new IllegalArgumentException(
                "userType must be Member or Guest, not " + userType)).graphValue();
        Invitation invitation = new Invitation();
        invitation.setInvitedUserEmailAddress(invitedEmail);
        invitation.setInviteRedirectUrl(inviteRedirectUrl.toString());
        invitation.setInvitedUserDisplayName(mapped.getString("displayName"));
        invitation.setInvitedUserType(type);
        invitation.setSendInvitationMessage(false);
        Invitation sent = send("POST /invitations", graph.invitations().toPostRequestInformation(invitation),
                Invitation::createFromDiscriminatorValue);
        String objectId = sent.getInvitedUser().getId();
        LOG.debug("invitation {} created or found target user {}", sent.getStatus(), objectId);

        List<AttributeChange> changes = new ArrayList<>();
        for (String name : mapped.names()) {
            if (name.equalsIgnoreCase(GraphUserAttributes.USER_PRINCIPAL_NAME)
                    && sameExternalUpn(mapped.getString(name), invitedEmail)) {
                continue;
            }
            changes.add(new AttributeChange(name, null, mapped.get(name)));
        }
        try {
            update(objectId, changes);
        } catch (TargetDirectoryException e) {
            throw e.afterCreating(objectId);
        }
        return objectId;
    }

    @Override
    public void update(String objectId, List<AttributeChange> changes) {
        ObjectNode body = attributes.patchBody(changes, this::externalUpn);
        if (!body.isEmpty()) {
            patch("PATCH /users/{id}", graph.users().byUserId(objectId).toPatchRequestInformation(new User()), body);
        }
        AttributeChange manager = GraphUserAttributes.managerChange(changes);
        if (manager == null) {
            return;
        }
        var reference = graph.users().byUserId(objectId).manager().ref();
        if (manager.clears()) {
            try {
                send("DELETE /users/{id}/manager/$ref", reference.toDeleteRequestInformation(), null);
            } catch (TargetDirectoryException e) {
                if (e.kind() != Kind.NOT_FOUND) { // no manager is what was wanted
                    throw e;
                }
            }
        } else {
            ReferenceUpdate managerRef = new ReferenceUpdate();
            managerRef.setOdataId(graphBaseUrl + "/users/" + Attributes.text(manager.newValue()));
            send("PUT /users/{id}/manager/$ref", reference.toPutRequestInformation(managerRef), null);
        }
    }

    @Override
    public void disable(String objectId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("accountEnabled", false);
        patch("PATCH /users/{id}", graph.users().byUserId(objectId).toPatchRequestInformation(new User()), body);
    }

    /**
     * Idempotent: when the user is not found because it is soft-deleted already, the deletion is done. That is what
     * the SDK's retry of a deletion whose response was lost (a 504 after the commit) runs into.
     */
    @Override
    public void softDelete(String objectId) {
        try {
            send("DELETE /users/{id}", graph.users().byUserId(objectId).toDeleteRequestInformation(), null);
        } catch (TargetDirectoryException e) {
            if (e.kind() != Kind.NOT_FOUND || !(get(objectId) instanceof TargetState.SoftDeleted)) {
                throw e;
            }
        }
    }

    @Override
    public void restore(String objectId) {
        send("POST /directory/deletedItems/{id}/restore",
                graph.directory().deletedItems().byDirectoryObjectId(objectId).restore().toPostRequestInformation(),
                null);
    }

    /** Idempotent: a user already purged, or never there, is what a hard delete wants. */
    @Override
    public void hardDelete(String objectId) {
        ignoringNotFound("DELETE /users/{id}", () -> send("DELETE /users/{id}",
                graph.users().byUserId(objectId).toDeleteRequestInformation(), null));
        ignoringNotFound("DELETE /directory/deletedItems/{id}", () -> send("DELETE /directory/deletedItems/{id}",
                graph.directory().deletedItems().byDirectoryObjectId(objectId).toDeleteRequestInformation(), null));
    }

    // ---------------------------------------------------------------- groups

    /** The mail nickname Graph requires is the display name's allowed characters (Graph needs no uniqueness here). */
    @Override
    public String createSecurityGroup(String displayName, String description) {
        Group group = new Group();
        group.setDisplayName(displayName);
        group.setDescription(description);
        group.setMailEnabled(false);
        group.setSecurityEnabled(true);
        group.setMailNickname(mailNickname(displayName));
        group.setGroupTypes(List.of());
        return call("POST /groups", () -> graph.groups().post(group)).getId();
    }

    @Override
    public void updateGroup(String groupId, String displayName, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("displayName", displayName);
        body.put("description", description);
        patch("PATCH /groups/{id}", graph.groups().byGroupId(groupId).toPatchRequestInformation(new Group()), body);
    }

    @Override
    public void deleteGroup(String groupId) {
        run("DELETE /groups/{id}", () -> graph.groups().byGroupId(groupId).delete());
    }

    /**
     * Graph answers a second add with 400 (graph.md §5); the membership is then checked rather than the message read,
     * and an existing membership counts as done.
     */
    @Override
    public void addMember(String groupId, String memberId) {
        ReferenceCreate reference = new ReferenceCreate();
        reference.setOdataId(graphBaseUrl + "/directoryObjects/" + memberId);
        try {
            run("POST /groups/{id}/members/$ref", () -> graph.groups().byGroupId(groupId).members().ref().post(reference));
        } catch (TargetDirectoryException e) {
            if (e.kind() != Kind.BAD_REQUEST || !memberIds(groupId).contains(memberId)) {
                throw e;
            }
        }
    }

    @Override
    public void removeMember(String groupId, String memberId) {
        run("DELETE /groups/{id}/members/{memberId}/$ref",
                () -> graph.groups().byGroupId(groupId).members().byDirectoryObjectId(memberId).ref().delete());
    }

    @Override
    public List<String> memberIds(String groupId) {
        var members = graph.groups().byGroupId(groupId).members();
        List<String> ids = new ArrayList<>();
        DirectoryObjectCollectionResponse page = call("GET /groups/{id}/members", () -> members.get(request -> {
            request.queryParameters.select = new String[] {"id"};
            request.queryParameters.top = PAGE_SIZE;
        }));
        while (true) {
            for (DirectoryObject member : values(page)) {
                ids.add(member.getId());
            }
            String next = page == null ? null : page.getOdataNextLink();
            if (next == null) {
                return ids;
            }
            page = call("GET /groups/{id}/members (next page)", () -> members.withUrl(next).get());
        }
    }

    // ---------------------------------------------------------------- trust

    @Override
    public TargetInboundSettings inboundSettingsFor(String sourceTenantId) {
        return policies.inboundSettingsFor(sourceTenantId);
    }

    // ---------------------------------------------------------------- internals

    private TargetState.Present present(User user) {
        return new TargetState.Present(user.getId(), GraphUserAttributes.origin(user), attributes.read(user));
    }

    private TargetState.SoftDeleted softDeleted(User user) {
        Instant deletedAt = user.getDeletedDateTime() == null ? Instant.EPOCH : user.getDeletedDateTime().toInstant();
        return new TargetState.SoftDeleted(user.getId(), GraphUserAttributes.origin(user), attributes.read(user),
                deletedAt);
    }

    private static String[] deletedSelect() {
        String[] select = java.util.Arrays.copyOf(GraphUserAttributes.SELECT, GraphUserAttributes.SELECT.length + 1);
        select[select.length - 1] = DELETED_DATE_TIME;
        return select;
    }

    private boolean sameExternalUpn(String mappedUpn, String invitedEmail) {
        if (mappedUpn == null) {
            return true;
        }
        if (mappedUpn.strip().equalsIgnoreCase(invitedEmail.strip())) {
            return true; // the invitation derived its UPN from this very address
        }
        return externalUpn(mappedUpn).equalsIgnoreCase(externalUpn(invitedEmail));
    }

    /** The {@code #EXT#} form of a mapped UPN in this tenant, e.g. {@code ada_contoso.com#EXT#@fabrikam.onmicrosoft.com}. */
    private String externalUpn(String mappedUpn) {
        return externalUpnFormat().format(mappedUpn);
    }

    /** This tenant's {@code #EXT#} UPN rule, on its initial domain (read once from {@code /organization}). */
    public ExternalUpnFormat externalUpnFormat() {
        ExternalUpnFormat format = externalUpns;
        if (format == null) {
            format = new ExternalUpnFormat(initialDomain());
            externalUpns = format;
        }
        return format;
    }

    private String initialDomain() {
        var organizations = call("GET /organization", () -> graph.organization().get());
        for (Organization organization : values(organizations)) {
            for (VerifiedDomain domain : Optional.ofNullable(organization.getVerifiedDomains()).orElse(List.of())) {
                if (Boolean.TRUE.equals(domain.getIsInitial())) {
                    return domain.getName();
                }
            }
        }
        throw new TargetDirectoryException(Kind.NOT_FOUND, "Request_ResourceNotFound",
                "GET /organization: the tenant lists no initial domain", 0, null, null);
    }

    private static String mailNickname(String displayName) {
        StringBuilder nickname = new StringBuilder();
        for (char c : displayName.toCharArray()) {
            if (nickname.length() < 64 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.')) {
                nickname.append(c);
            }
        }
        return nickname.length() == 0 ? "group" : nickname.toString().toLowerCase(Locale.ROOT);
    }

    private void patch(String operation, RequestInformation request, ObjectNode body) {
        byte[] content;
        try {
            content = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        request.setStreamContent(new ByteArrayInputStream(content), "application/json");
        send(operation, request, null);
    }

    /**
     * Sends a request through the batcher (alone, or in a {@code $batch} with other callers' requests) and reads its
     * answer as {@code type}; null for none.
     */
    private <T extends Parsable> T send(String operation, RequestInformation request, ParsableFactory<T> type) {
        return answer(operation, batcher.submit(request), type);
    }

    private <T extends Parsable> T answer(String operation, CompletableFuture<GraphBatcher.Answer> answer,
                                          ParsableFactory<T> type) {
        try {
            GraphBatcher.Answer result = answer.join();
            if (type == null) {
                if (result.failure() != null) {
                    throw result.failure();
                }
                return null;
            }
            return result.parse(type);
        } catch (RuntimeException e) {
            throw failures.classify(operation, e);
        }
    }

    private void ignoringNotFound(String operation, Runnable action) {
        try {
            run(operation, action);
        } catch (TargetDirectoryException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw failures.classify(operation, e);
        }
    }

    private void run(String operation, Runnable action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private static List<User> values(UserCollectionResponse page) {
        return page == null || page.getValue() == null ? List.of() : page.getValue();
    }

    private static List<DirectoryObject> values(DirectoryObjectCollectionResponse page) {
        return page == null || page.getValue() == null ? List.of() : page.getValue();
    }

    private static List<Organization> values(com.microsoft.graph.models.OrganizationCollectionResponse page) {
        return page == null || page.getValue() == null ? List.of() : page.getValue();
    }
}
