package io.tenantsync.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.clock.EmulatorClock;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.fault.FaultInjector;
import io.tenantsync.emulator.graph.RequestJournal;
import io.tenantsync.emulator.throttle.Throttling;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Emulator-only controls, clearly outside Graph: the directory clock, the request journal, throttling, fault injection,
 * reset and seeding. Guarded by the
 * emulator's own control token ({@code Authorization: Bearer <controlToken>}), never by a tenant token.
 */
@jakarta.inject.Singleton
@Path("_emulator")
@Produces(MediaType.APPLICATION_JSON)
public final class EmulatorControlResource {
    private final EmulatorConfig config;
    private final EmulatorClock clock;
    private final RequestJournal journal;
    private final ObjectMapper json;
    private final ControlActions actions;
    private final Throttling throttling;
    private final FaultInjector faults;
    private final EmulatorReset reset;
    private final TenantSeeding seeding;

    @Inject
    public EmulatorControlResource(EmulatorConfig config, EmulatorClock clock, RequestJournal journal, ObjectMapper json,
                                   ControlActions actions, Throttling throttling, FaultInjector faults, EmulatorReset reset,
                                   TenantSeeding seeding) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
        this.json = json;
        this.actions = actions;
        this.throttling = throttling;
        this.faults = faults;
        this.reset = reset;
        this.seeding = seeding;
    }

    private void authorize(String authorization) {
        String expected = "Bearer " + config.controlToken();
        if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ControlException(401, "unauthorized", "The emulator controls need 'Authorization: Bearer <controlToken>'.");
        }
    }

    @GET
    @Path("clock")
    public Response clock(@HeaderParam("Authorization") String auth) {
        authorize(auth);
        return Response.ok(clockBody().toString()).build();
    }

    /** Advances directory time, e.g. {@code {"by":"P31D"}}; then purges what fell out of retention. */
    @POST
    @Path("clock/advance")
    public Response advance(@HeaderParam("Authorization") String auth, String body) {
        authorize(auth);
        Duration by;
        try {
            JsonNode n = json.readTree(body == null || body.isBlank() ? "{}" : body);
            by = Duration.parse(n.path("by").asText(""));
        } catch (IOException | DateTimeParseException e) {
            throw new ControlException(400, "invalidDuration", "Body must be {\"by\": \"<ISO-8601 duration, e.g. P31D>\"}.");
        }
        if (by.isNegative()) throw new ControlException(400, "invalidDuration", "The clock only moves forward.");
        clock.advance(by);
        actions.clockAdvanced();
        return Response.ok(clockBody().toString()).build();
    }

    private ObjectNode clockBody() {
        ObjectNode n = json.createObjectNode();
        n.put("now", clock.instant().toString());
        n.put("offset", clock.offset().toString());
        return n;
    }

    /** Requests answered after sequence number {@code after}, optionally only those whose path contains {@code path}. */
    @GET
    @Path("journal")
    public Response journal(@HeaderParam("Authorization") String auth, @QueryParam("after") @DefaultValue("0") long after,
                            @QueryParam("path") String pathContains) {
        authorize(auth);
        ObjectNode out = json.createObjectNode();
        ArrayNode value = out.putArray("value");
        for (RequestJournal.Entry e : journal.since(after)) {
            if (pathContains != null && !e.path().contains(pathContains)) continue;
            ObjectNode n = value.addObject();
            n.put("seq", e.seq());
            n.put("at", e.at().toString());
            n.put("method", e.method());
            n.put("path", e.path());
            n.put("status", e.status());
            n.put("tenantId", e.tenantId());
            n.put("appId", e.appId());
        }
        return Response.ok(out.toString()).build();
    }

    /** {@code GET/PUT /_emulator/throttle}. */
    @Path("throttle")
    public ThrottleControls throttle(@HeaderParam("Authorization") String auth) {
        authorize(auth);
        return new ThrottleControls(throttling, json);
    }

    /** {@code GET/POST/DELETE /_emulator/faults} and {@code GET/DELETE /_emulator/faults/{id}}. */
    @Path("faults")
    public FaultControls faults(@HeaderParam("Authorization") String auth) {
        authorize(auth);
        return new FaultControls(faults, config, json);
    }

    /** Empties every tenant's directory, policies, audit and change log, the journal, faults and throttle state. */
    @POST
    @Path("reset")
    public Response reset(@HeaderParam("Authorization") String auth) {
        authorize(auth);
        ObjectNode out = json.createObjectNode();
        ObjectNode deleted = out.putObject("deletedRows");
        reset.reset().forEach(deleted::put);
        return Response.ok(out.toString()).build();
    }

    /** Seeds generated users, e.g. {@code {"users": 1000, "prefix": "load"}}. */
    @POST
    @Path("tenants/{tenant}/seed")
    public Response seed(@HeaderParam("Authorization") String auth, @PathParam("tenant") String tenantKey, String body) {
        authorize(auth);
        TenantConfig tenant = config.tenant(tenantKey)
                .orElseThrow(() -> new ControlException(404, "tenantNotFound", "No configured tenant is named '" + tenantKey + "'."));
        JsonNode n = ControlBodies.object(json, body);
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("users") && !f.equals("prefix")) throw new ControlException(400, "invalidSeed", "Unknown field '" + f + "'.");
        }
        JsonNode users = n.get("users");
        if (users == null || !users.isIntegralNumber() || !users.canConvertToInt()) {
            throw new ControlException(400, "invalidSeed", "'users' must be an integer from 1 to " + TenantSeeding.MAX_USERS + ".");
        }
        JsonNode prefix = n.get("prefix");
        if (prefix != null && !prefix.isNull() && !prefix.isTextual()) throw new ControlException(400, "invalidSeed", "'prefix' must be a string.");
        TenantSeeding.Result r;
        try {
            r = seeding.seed(tenant, users.asInt(), prefix == null || prefix.isNull() ? "seeded" : prefix.asText());
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, "invalidSeed", e.getMessage());
        }
        ObjectNode out = json.createObjectNode();
        out.put("tenantId", tenant.tenantId().toString());
        out.put("created", r.created());
        out.put("firstIndex", r.firstIndex());
        out.put("firstUserPrincipalName", r.firstUserPrincipalName());
        out.put("lastUserPrincipalName", r.lastUserPrincipalName());
        return Response.ok(out.toString()).build();
    }
}
