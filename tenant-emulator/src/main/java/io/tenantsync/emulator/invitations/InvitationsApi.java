package io.tenantsync.emulator.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.audit.DirectoryAudits;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.policy.BodyShape;
import io.tenantsync.emulator.policy.CrossTenantPolicyStore;
import io.tenantsync.emulator.policy.CrossTenantTrust;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.store.IndexedProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code POST /invitations}: creates (or re-invites) a B2B user in the caller's tenant with the shape Entra gives
 * invited users, redeemed at once when both tenants' cross-tenant access policies allow automatic redemption.
 */
public final class InvitationsApi implements GraphApi {
    private static final String RESOURCE = "Invitation";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final BodyShape.Fields BODY = BodyShape.object()
            .with("invitedUserEmailAddress", BodyShape.string(256))
            .with("inviteRedirectUrl", BodyShape.string(2048))
            .with("invitedUserDisplayName", BodyShape.string(256))
            .with("invitedUserType", BodyShape.string(16))
            .with("sendInvitationMessage", BodyShape.bool())
            .with("resetRedemption", BodyShape.bool())
            .with("invitedUserMessageInfo", BodyShape.object()
                    .with("messageLanguage", BodyShape.string(16))
                    .with("customizedMessageBody", BodyShape.string(10_000))
                    .with("ccRecipients", BodyShape.opaque()))
            .with("invitedUser", BodyShape.object().with("id", BodyShape.guid()))
            .with("invitedUserSponsors", BodyShape.opaque());

    private final EmulatorConfig config;
    private final Database db;
    private final DirectoryStore store;
    private final CrossTenantPolicyStore policies;
    private final DirectoryAudits audits;
    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public InvitationsApi(EmulatorConfig config, Database db, DirectoryStore store, CrossTenantPolicyStore policies,
                          DirectoryAudits audits, ObjectMapper json, Clock clock, Supplier<UUID> ids) {
        this.config = config;
        this.db = db;
        this.store = store;
        this.policies = policies;
        this.audits = audits;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void register(Routes routes) {
        routes.post("invitations", this::invite);
    }

    /** What was validated from the request body. */
    private record Request(String email, String redirectUrl, String displayName, String userType, boolean sendMessage,
                           boolean resetRedemption, String invitedUserId, JsonNode messageInfo) {}

    /** The outcome: the invited user and whether the invitation is redeemed. */
    private record Outcome(String userId, boolean accepted) {}

    private GraphResponse invite(GraphCall call) {
        Caller caller = call.caller();
        caller.require("User.Invite.All", "User.ReadWrite.All");
        Request r = parse(GraphJson.object(json, call.request()));
        String domain = r.email().substring(r.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (caller.tenant().ownsDomain(domain)) {
            throw GraphException.badRequest("The invited user's email address belongs to a verified domain of this directory; "
                    + "only external users can be invited.");
        }
        Optional<TenantConfig> home = config.tenants().stream().filter(t -> t.ownsDomain(domain)).findFirst();
        Outcome outcome = db.transaction(c -> {
            boolean accepted = home.isPresent()
                    && CrossTenantTrust.automaticRedemption(policies.trust(c, home.get()), policies.trust(c, caller.tenant())).allowed();
            if (r.invitedUserId() != null) return reinvite(c, caller, r, accepted);
            List<DirectoryObject> sameMail = store.query(c, new DirectoryStore.Query(caller.tenantId(), "user", false,
                    "o.MAIL_LC = ?", List.of(r.email().toLowerCase(Locale.ROOT)), null, null, 0, 10));
            Optional<DirectoryObject> external = sameMail.stream().filter(InvitationsApi::isExternal).findFirst();
            if (external.isPresent()) return existing(c, caller, external.get(), accepted);
            if (!sameMail.isEmpty()) {
                throw GraphException.badRequest("The invited user's email address is already used by a member of this directory.");
            }
            return create(c, caller, r, home.isPresent(), accepted);
        });
        return GraphResponse.created(invitation(call, r, outcome), null);
    }

    private static boolean isExternal(DirectoryObject u) {
        return "Invitation".equals(u.body().path("creationType").asText(null));
    }

    private Request parse(ObjectNode raw) {
        for (String ro : List.of("status", "inviteRedeemUrl", "id")) {
            if (raw.has(ro)) throw GraphException.badRequest("Property '" + ro + "' is read-only and cannot be set.");
        }
        ObjectNode b = (ObjectNode) BODY.check(RESOURCE, RESOURCE, raw);
        String email = b.path("invitedUserEmailAddress").asText("").trim();
        if (!EMAIL.matcher(email).matches() || email.contains("..")) throw BodyShape.invalid(RESOURCE, "invitedUserEmailAddress");
        String redirect = b.path("inviteRedirectUrl").asText("").trim();
        try {
            URI u = new URI(redirect);
            if (!u.isAbsolute() || u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null) {
                throw BodyShape.invalid(RESOURCE, "inviteRedirectUrl");
            }
        } catch (URISyntaxException e) {
            throw BodyShape.invalid(RESOURCE, "inviteRedirectUrl");
        }
        String type = b.hasNonNull("invitedUserType") ? b.get("invitedUserType").asText() : "Guest";
        if (type.equalsIgnoreCase("guest")) type = "Guest";
        else if (type.equalsIgnoreCase("member")) type = "Member";
        else throw BodyShape.invalid(RESOURCE, "invitedUserType");
        String invitedId = b.path("invitedUser").hasNonNull("id") ? b.path("invitedUser").get("id").asText() : null;
        String display = b.hasNonNull("invitedUserDisplayName") ? b.get("invitedUserDisplayName").asText() : null;
        return new Request(email, redirect, display, type, b.path("sendInvitationMessage").asBoolean(false),
                b.path("resetRedemption").asBoolean(false), invitedId, b.get("invitedUserMessageInfo"));
    }

    private Outcome create(Connection c, Caller caller, Request r, boolean homeKnown, boolean accepted) throws SQLException {
        Instant now = clock.instant();
        String id = ids.get().toString();
        String prefix = ExternalUpn.prefix(r.email());
        String upn = ExternalUpn.upn(prefix, 0, caller.tenant().initialDomain());
        for (int n = 1; store.taken(c, caller.tenantId(), IndexedProperty.USER_PRINCIPAL_NAME, upn, null); n++) {
            upn = ExternalUpn.upn(prefix, n, caller.tenant().initialDomain());
        }
        ObjectNode u = json.createObjectNode();
        u.put("id", id);
        u.put("createdDateTime", now.toString());
        u.put("accountEnabled", true);
        u.put("displayName", r.displayName() != null ? r.displayName() : r.email().substring(0, r.email().lastIndexOf('@')));
        u.put("userPrincipalName", upn);
        u.put("mailNickname", ExternalUpn.mailNickname(upn));
        u.put("mail", r.email());
        u.putArray("otherMails").add(r.email());
        u.put("userType", r.userType());
        u.put("creationType", "Invitation");
        u.put("externalUserState", accepted ? "Accepted" : "PendingAcceptance");
        u.put("externalUserStateChangeDateTime", now.toString());
        u.put("showInAddressList", false);
        ArrayNode identities = u.putArray("identities");
        ObjectNode federated = identities.addObject();
        federated.put("signInType", "federated");
        // a home tenant the emulator knows is an Entra tenant; anyone else signs in with a one-time passcode by mail
        federated.put("issuer", homeKnown ? "ExternalAzureAD" : "mail");
        if (homeKnown) federated.putNull("issuerAssignedId");
        else federated.put("issuerAssignedId", r.email());
        ObjectNode local = identities.addObject();
        local.put("signInType", "userPrincipalName");
        local.put("issuer", caller.tenant().initialDomain());
        local.put("issuerAssignedId", upn);
        ObjectNode ext = u.putObject("onPremisesExtensionAttributes");
        for (int i = 1; i <= 15; i++) ext.putNull("extensionAttribute" + i);
        u.putArray("proxyAddresses").add("SMTP:" + r.email());
        u.putArray("businessPhones");
        store.insert(c, new DirectoryObject(caller.tenantId(), id, "user", u, now, null, null, 0));
        audit(c, caller, u);
        return new Outcome(id, accepted);
    }

    /** An external user with the invited address already exists: the invitation names it; auto-redemption may redeem it. */
    private Outcome existing(Connection c, Caller caller, DirectoryObject u, boolean accepted) throws SQLException {
        boolean wasAccepted = "Accepted".equals(u.body().path("externalUserState").asText(null));
        if (!wasAccepted && accepted) {
            ObjectNode next = u.body().deepCopy();
            next.put("externalUserState", "Accepted");
            next.put("externalUserStateChangeDateTime", clock.instant().toString());
            store.update(c, u.withBody(next), DirectoryStore.UPSERT);
        }
        audit(c, caller, u.body());
        return new Outcome(u.id(), wasAccepted || accepted);
    }

    /** Re-invites the user named in {@code invitedUser}: resets its redemption to the invited address. */
    private Outcome reinvite(Connection c, Caller caller, Request r, boolean accepted) throws SQLException {
        DirectoryObject u = store.find(c, caller.tenantId(), r.invitedUserId()).filter(x -> x.type().equals("user") && !x.deleted())
                .orElseThrow(() -> GraphException.notFound(r.invitedUserId()));
        String lc = r.email().toLowerCase(Locale.ROOT);
        List<DirectoryObject> sameMail = store.query(c, new DirectoryStore.Query(caller.tenantId(), "user", false,
                "o.MAIL_LC = ? AND o.ID <> ?", List.of(lc, u.id()), null, null, 0, 1));
        if (!sameMail.isEmpty()) {
            throw GraphException.badRequest("Another object with the same value for property mail already exists.");
        }
        ObjectNode next = u.body().deepCopy();
        next.put("mail", r.email());
        next.putArray("otherMails").add(r.email());
        next.putArray("proxyAddresses").add("SMTP:" + r.email());
        next.put("externalUserState", accepted ? "Accepted" : "PendingAcceptance");
        next.put("externalUserStateChangeDateTime", clock.instant().toString());
        store.update(c, u.withBody(next), DirectoryStore.UPSERT);
        audit(c, caller, next);
        return new Outcome(u.id(), accepted);
    }

    private void audit(Connection c, Caller caller, ObjectNode user) throws SQLException {
        audits.record(c, caller, "UserManagement", "Invite external user", "Add", new DirectoryAudits.Target(
                user.path("id").asText(), "User", user.path("displayName").asText(null), user.path("userPrincipalName").asText(null)));
    }

    private ObjectNode invitation(GraphCall call, Request r, Outcome o) {
        String id = ids.get().toString();
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", call.request().serviceRoot() + "/$metadata#invitations/$entity");
        out.put("id", id);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (call.caller().tenantId() + ":" + id).getBytes(StandardCharsets.UTF_8));
        out.put("inviteRedeemUrl", "https://login." + call.caller().cloud().cloudEndpoint() + "/redeem?rd=" + ticket);
        out.put("invitedUserDisplayName", r.displayName());
        out.put("invitedUserType", r.userType());
        out.put("invitedUserEmailAddress", r.email());
        out.put("sendInvitationMessage", r.sendMessage());
        out.put("resetRedemption", r.resetRedemption());
        out.put("inviteRedirectUrl", r.redirectUrl());
        out.put("status", o.accepted() ? "Completed" : "PendingAcceptance");
        ObjectNode info = out.putObject("invitedUserMessageInfo");
        JsonNode given = r.messageInfo() == null || r.messageInfo().isNull() ? json.createObjectNode() : r.messageInfo();
        info.set("messageLanguage", given.has("messageLanguage") ? given.get("messageLanguage") : info.nullNode());
        info.set("ccRecipients", given.has("ccRecipients") && !given.get("ccRecipients").isNull() ? given.get("ccRecipients") : info.arrayNode());
        info.set("customizedMessageBody", given.has("customizedMessageBody") ? given.get("customizedMessageBody") : info.nullNode());
        out.putObject("invitedUser").put("id", o.userId());
        return out;
    }
}
