package io.tenantsync.conformance.checks;

import static io.tenantsync.conformance.checks.Define.check;
import static io.tenantsync.conformance.checks.Payloads.op;
import static io.tenantsync.conformance.checks.Payloads.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.CrossTenantIdentitySyncPolicyPartner;
import com.microsoft.graph.models.User;
import io.tenantsync.conformance.check.Capability;
import io.tenantsync.conformance.check.Check;
import io.tenantsync.conformance.check.CheckContext;
import io.tenantsync.conformance.http.ScimResponse;
import io.tenantsync.conformance.target.TargetTenant;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cross-tenant behaviour behind a SCIM endpoint that provisions into a Graph-shaped target (Entra Cross-Tenant
 * Synchronization semantics, entra-semantics.md §3–4): every finding is read from the target with the official Graph
 * SDK and the target's admin app, never from the endpoint's own account of it.
 */
public final class CrossTenantChecks {
    static final String GROUP = "Cross-tenant behaviour (Graph target)";
    /** Past Entra's 30-day soft-delete window. */
    static final Duration PAST_WINDOW = Duration.ofDays(31);

    private CrossTenantChecks() {
    }

    public static List<Check> all() {
        return List.of(
                check("cross-tenant.push-creates-b2b-member", GROUP,
                        "A SCIM user push creates exactly one B2B member in the target: userType Member, UPN local_domain#EXT#@<initial domain>, enabled, with displayName, givenName, surname, department and employeeId mapped",
                        CrossTenantChecks::b2bMember, Capability.TARGET_ADMIN),
                check("cross-tenant.company-name-is-tenant-of-origin", GROUP,
                        "The target user's companyName is the tenant-of-origin constant the connection maps",
                        c -> {
                            String expected = c.target().settings().expectedCompanyName()
                                    .orElseThrow(() -> c.skip("no expected companyName given (--expect-company-name)"));
                            Pushed p = push(c, "company", null);
                            awaitTarget(c, p, "companyName " + expected, u -> expected.equals(u.getCompanyName()));
                        }, Capability.TARGET_ADMIN),
                check("cross-tenant.extension-attribute1", GROUP,
                        "The target user's extensionAttribute1 carries the SCIM attribute the connection maps to it",
                        CrossTenantChecks::extensionAttribute1, Capability.TARGET_ADMIN),
                check("cross-tenant.manager", GROUP,
                        "A pushed enterprise manager becomes the target user's manager: the target object of the manager's own push",
                        c -> {
                            Pushed manager = push(c, "boss", null);
                            Pushed employee = push(c, "report", manager.scimId());
                            String managerObject = manager.target().getId();
                            Optional<String> set = c.eventually(c.target().settings().provisioningTimeout(),
                                    () -> c.target().managerId(employee.target().getId()).filter(managerObject::equals));
                            if (set.isEmpty()) c.fail("target manager of " + employee.target().getId() + " = " + managerObject,
                                    "manager " + c.target().managerId(employee.target().getId()).orElse("none"));
                        }, Capability.TARGET_ADMIN),
                check("cross-tenant.update-flows", GROUP,
                        "A PATCH of a mapped attribute (enterprise department) reaches the target user",
                        c -> {
                            Pushed p = push(c, "update", null);
                            c.expectStatus(c.scim().patch("/Users/" + p.scimId(), patch(op("replace", Payloads.ENTERPRISE + ":department", "\"Compilers\""))), 200, 204);
                            awaitTarget(c, p, "department Compilers", u -> "Compilers".equals(u.getDepartment()));
                        }, Capability.TARGET_ADMIN, Capability.PATCH),
                check("cross-tenant.disable", GROUP,
                        "active false on the SCIM user disables the target user (accountEnabled false) without deleting it",
                        c -> {
                            Pushed p = push(c, "disable", null);
                            c.expectStatus(c.scim().patch("/Users/" + p.scimId(), patch(op("replace", "active", "false"))), 200, 204);
                            awaitTarget(c, p, "accountEnabled false", u -> Boolean.FALSE.equals(u.getAccountEnabled()));
                        }, Capability.TARGET_ADMIN, Capability.PATCH),
                check("cross-tenant.removal-soft-deletes", GROUP,
                        "DELETE of the SCIM user soft-deletes the target user: gone from /users, present in /directory/deletedItems",
                        c -> {
                            Pushed p = push(c, "remove", null);
                            c.expectStatus(c.scim().delete("/Users/" + p.scimId()), 204);
                            awaitSoftDeleted(c, p.target().getId());
                        }, Capability.TARGET_ADMIN),
                check("cross-tenant.restore-within-window", GROUP,
                        "Pushing a removed user again within the 30-day window restores the same target object instead of creating a second one",
                        c -> {
                            Pushed p = push(c, "restore", null);
                            c.expectStatus(c.scim().delete("/Users/" + p.scimId()), 204);
                            awaitSoftDeleted(c, p.target().getId());
                            ScimResponse again = c.create("/Users", p.body());
                            Optional<User> restored = c.eventually(c.target().settings().provisioningTimeout(), () -> c.target().user(p.target().getId()));
                            if (restored.isEmpty()) c.fail("the soft-deleted target object " + p.target().getId() + " restored", "it is still deleted (SCIM reply " + again.status() + ")");
                            expectOnlyOne(c, p.email(), p.target().getId());
                        }, Capability.TARGET_ADMIN),
                check("cross-tenant.purge-after-window", GROUP,
                        "A removed user is purged once the target's clock passes the 30-day window: not in /users nor deletedItems, and a new push creates a new object",
                        CrossTenantChecks::purge, Capability.TARGET_ADMIN, Capability.TARGET_CLOCK),
                check("cross-tenant.retried-create-no-duplicate", GROUP,
                        "A create retried by the SCIM client (same user POSTed twice) leaves exactly one target user",
                        c -> {
                            Pushed p = push(c, "retry", null);
                            ScimResponse second = c.scim().post("/Users", p.body());
                            c.expectStatus(second, 409, 200, 201);
                            if (second.status() != 409 && !second.id().equals(p.scimId())) c.removeAfterwards("/Users/" + second.id());
                            pause(Duration.ofSeconds(1));
                            expectOnlyOne(c, p.email(), p.target().getId());
                        }, Capability.TARGET_ADMIN),
                check("cross-tenant.lost-invitation-response-no-duplicate", GROUP,
                        "When the target commits the invitation but its response is lost (504), the endpoint's retry finds the user instead of inviting a second one",
                        CrossTenantChecks::lostResponse, Capability.TARGET_ADMIN, Capability.TARGET_CLOCK),
                check("cross-tenant.refused-when-inbound-sync-withdrawn", GROUP,
                        "When the target withdraws inbound sync from the source (partner identitySynchronization), a SCIM create is refused with a 403 SCIM error and nothing is written: not in SCIM, not in the target",
                        CrossTenantChecks::withdrawn, Capability.TARGET_ADMIN, Capability.SOURCE_TENANT));
    }

    /** A user pushed through SCIM and its target object. */
    record Pushed(String scimId, String email, String body, User target) {}

    private static Pushed push(CheckContext c, String hint, String managerId) {
        String email = c.userName(hint);
        String employeeNumber = "E-" + c.runId() + "-" + hint;
        String body = Payloads.enterpriseUser(email, "CT " + hint, "Research", employeeNumber, managerId);
        ScimResponse r = c.create("/Users", body);
        Optional<User> target = c.eventually(c.target().settings().provisioningTimeout(),
                () -> c.target().usersInvitedAs(email).stream().findFirst());
        if (target.isEmpty()) {
            c.fail("a target user invited as " + email + " within " + c.target().settings().provisioningTimeout().toSeconds() + " s",
                    "none (SCIM reply " + r.status() + ": " + r.body() + ")");
        }
        return new Pushed(r.id(), email, body, target.get());
    }

    private static void b2bMember(CheckContext c) {
        Pushed p = push(c, "b2b", null);
        TargetTenant target = c.target();
        User u = awaitTarget(c, p, "displayName \"CT b2b\" mapped", x -> "CT b2b".equals(x.getDisplayName()));
        expectOnlyOne(c, p.email(), u.getId());
        String upn = target.externalUpn(p.email());
        List<String> problems = new java.util.ArrayList<>();
        if (!"Member".equals(u.getUserType())) problems.add("userType " + u.getUserType() + " (want Member)");
        if (!upn.equalsIgnoreCase(u.getUserPrincipalName())) problems.add("userPrincipalName " + u.getUserPrincipalName() + " (want " + upn + ")");
        if (!Boolean.TRUE.equals(u.getAccountEnabled())) problems.add("accountEnabled " + u.getAccountEnabled());
        if (!"Given".equals(u.getGivenName())) problems.add("givenName " + u.getGivenName() + " (want Given)");
        if (!"Family".equals(u.getSurname())) problems.add("surname " + u.getSurname() + " (want Family)");
        if (!"Research".equals(u.getDepartment())) problems.add("department " + u.getDepartment() + " (want Research)");
        if (!("E-" + c.runId() + "-b2b").equals(u.getEmployeeId())) problems.add("employeeId " + u.getEmployeeId() + " (want E-" + c.runId() + "-b2b)");
        if (!problems.isEmpty()) c.fail("a B2B member with the mapped attributes", "target user " + u.getId() + ": " + String.join("; ", problems));
    }

    private static void extensionAttribute1(CheckContext c) {
        String from = c.target().settings().extensionAttribute1From()
                .orElseThrow(() -> c.skip("no SCIM source for extensionAttribute1 given (--expect-extension-attribute1-from)"));
        Pushed p = push(c, "ext", null);
        ScimResponse stored = c.scim().get("/Users/" + p.scimId());
        String expected = scimValue(stored.json(), from);
        if (expected == null || expected.isEmpty()) c.fail("the pushed user to have a value at " + from, stored.body());
        awaitTarget(c, p, "extensionAttribute1 " + expected, u -> expected.equals(TargetTenant.extensionAttribute1(u).orElse(null)));
    }

    /** The value at a SCIM attribute path: {@code urn:…:attr} for an extension, or {@code a.b} for a core attribute. */
    static String scimValue(JsonNode user, String path) {
        if (path.startsWith("urn:")) {
            int cut = path.lastIndexOf(':');
            return user.path(path.substring(0, cut)).path(path.substring(cut + 1)).asText(null);
        }
        JsonNode node = user;
        for (String part : path.split("\\.")) node = node.path(part);
        return node.asText(null);
    }

    private static User awaitTarget(CheckContext c, Pushed p, String expected, Predicate<User> condition) {
        Optional<User> u = c.eventually(c.target().settings().provisioningTimeout(),
                () -> c.target().user(p.target().getId()).filter(condition));
        if (u.isEmpty()) {
            c.fail("target user " + p.target().getId() + " with " + expected,
                    c.target().user(p.target().getId()).map(CrossTenantChecks::describe).orElse("no such user"));
        }
        return u.get();
    }

    private static void awaitSoftDeleted(CheckContext c, String objectId) {
        Optional<Boolean> deleted = c.eventually(c.target().settings().provisioningTimeout(),
                () -> c.target().user(objectId).isEmpty() && c.target().deletedItem(objectId).isPresent() ? Optional.of(true) : Optional.empty());
        if (deleted.isEmpty()) {
            c.fail("target user " + objectId + " soft-deleted (absent from /users, present in /directory/deletedItems)",
                    "in /users: " + c.target().user(objectId).isPresent() + ", in deletedItems: " + c.target().deletedItem(objectId).isPresent());
        }
    }

    private static void expectOnlyOne(CheckContext c, String email, String objectId) {
        List<User> active = c.target().usersInvitedAs(email);
        List<User> deleted = c.target().deletedUsersInvitedAs(email);
        List<String> ids = new java.util.ArrayList<>(active.stream().map(User::getId).toList());
        deleted.stream().map(User::getId).filter(id -> !ids.contains(id)).forEach(ids::add);
        if (ids.size() != 1 || !ids.get(0).equals(objectId) || active.size() != 1) {
            c.fail("exactly one target user invited as " + email + " (" + objectId + "), not deleted",
                    active.size() + " in /users " + active.stream().map(User::getId).toList() + ", " + deleted.size()
                            + " in deletedItems " + deleted.stream().map(User::getId).toList());
        }
    }

    private static void purge(CheckContext c) {
        Pushed p = push(c, "purge", null);
        c.expectStatus(c.scim().delete("/Users/" + p.scimId()), 204);
        awaitSoftDeleted(c, p.target().getId());
        c.target().settings().emulator().orElseThrow().advanceClock(PAST_WINDOW);
        if (c.target().deletedItem(p.target().getId()).isPresent() || c.target().user(p.target().getId()).isPresent()) {
            c.fail("target object " + p.target().getId() + " purged after " + PAST_WINDOW.toDays() + " days", "it is still there");
        }
        c.create("/Users", p.body());
        Optional<User> recreated = c.eventually(c.target().settings().provisioningTimeout(),
                () -> c.target().usersInvitedAs(p.email()).stream().findFirst());
        if (recreated.isEmpty()) c.fail("a new target user for " + p.email() + " after the purge", "none");
        if (recreated.get().getId().equals(p.target().getId())) c.fail("a new object id", "the purged id " + p.target().getId() + " again");
    }

    private static void lostResponse(CheckContext c) {
        var emulator = c.target().settings().emulator().orElseThrow();
        emulator.addFault("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/invitations\"},\"action\":{\"dropResponse\":true,\"count\":1}}");
        Pushed p;
        try {
            p = push(c, "lost", null);
        } finally {
            emulator.clearFaults();
        }
        awaitTarget(c, p, "department Research (the create completed after the lost response)", u -> "Research".equals(u.getDepartment()));
        expectOnlyOne(c, p.email(), p.target().getId());
    }

    private static void withdrawn(CheckContext c) {
        TargetTenant target = c.target();
        String source = target.settings().sourceTenantId().orElseThrow();
        CrossTenantIdentitySyncPolicyPartner before = target.identitySync(source).orElseThrow(() -> c.fail(
                "an identity synchronization policy for source " + source + " in the target (the precondition)", "none"));
        if (before.getUserSyncInbound() == null || !Boolean.TRUE.equals(before.getUserSyncInbound().getIsSyncAllowed())) {
            c.fail("inbound sync allowed from " + source + " before the check", "isSyncAllowed " + (before.getUserSyncInbound() == null ? null : before.getUserSyncInbound().getIsSyncAllowed()));
        }
        target.withdrawInboundSync(source);
        try {
            target.settings().afterPolicyChange().run();
            ScimResponse refused = awaitRefusal(c);
            c.expectScimError(refused, 403, null);
            String email = Objects.requireNonNull(probeEmail(refused));
            ScimResponse scim = c.scim().get("/Users", "filter", "userName eq \"" + email + "\"");
            c.expect(scim.status() == 200 && scim.json().path("totalResults").asInt(-1) == 0, "the refused user not stored (totalResults 0)", scim);
            pause(Duration.ofSeconds(1));
            if (!target.usersInvitedAs(email).isEmpty() || !target.deletedUsersInvitedAs(email).isEmpty()) {
                c.fail("no target user invited as " + email + " after the refusal", "one exists");
            }
        } finally {
            target.restoreIdentitySync(source, before);
            target.settings().afterPolicyChange().run();
            awaitAcceptance(c);
        }
    }

    /** Creates probe users until one is refused (a policy change may take a while to reach the endpoint). */
    private static ScimResponse awaitRefusal(CheckContext c) {
        long deadline = System.nanoTime() + c.target().settings().policyPropagation().toNanos();
        while (true) {
            String email = c.userName("refused");
            ScimResponse r = c.scim().post("/Users", Payloads.enterpriseUser(email, "CT refused", "Research", "E-refused", null));
            if (r.status() != 201) return r;
            c.scim().delete("/Users/" + r.id());
            if (System.nanoTime() > deadline) {
                c.fail("a create refused within " + c.target().settings().policyPropagation().toSeconds() + " s of withdrawing inbound sync", r);
            }
            pause(Duration.ofSeconds(2));
        }
    }

    private static String probeEmail(ScimResponse refused) {
        JsonNode sent;
        try {
            sent = Payloads.JSON.readTree(refused.exchange().requestBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sent.path("userName").asText();
    }

    /** After restoring the policy, waits until the endpoint accepts writes again, so later checks are not affected. */
    private static void awaitAcceptance(CheckContext c) {
        Optional<String> accepted = c.eventually(c.target().settings().policyPropagation(), () -> {
            ScimResponse r = c.scim().post("/Users", Payloads.enterpriseUser(c.userName("readmitted"), "CT readmitted", "Research", "E-readmitted", null));
            if (r.status() == 201) c.removeAfterwards("/Users/" + r.id());
            return r.status() == 201 ? Optional.of(r.id()) : Optional.empty();
        });
        if (accepted.isEmpty()) c.fail("writes accepted again once inbound sync was restored", "still refused");
    }

    private static String describe(User u) {
        return "user " + u.getId() + ": userPrincipalName=" + u.getUserPrincipalName() + ", userType=" + u.getUserType()
                + ", displayName=" + u.getDisplayName() + ", department=" + u.getDepartment() + ", companyName=" + u.getCompanyName()
                + ", employeeId=" + u.getEmployeeId() + ", accountEnabled=" + u.getAccountEnabled()
                + ", extensionAttribute1=" + TargetTenant.extensionAttribute1(u).orElse(null);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
