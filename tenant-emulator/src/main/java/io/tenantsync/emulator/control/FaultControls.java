package io.tenantsync.emulator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.fault.FaultInjector;
import io.tenantsync.emulator.fault.FaultRule;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /_emulator/faults}: lists, adds and deletes fault-injection rules (see {@link FaultRule} for the shape). */
@Produces(MediaType.APPLICATION_JSON)
public final class FaultControls {
    private final FaultInjector faults;
    private final EmulatorConfig config;
    private final ObjectMapper json;

    FaultControls(FaultInjector faults, EmulatorConfig config, ObjectMapper json) {
        this.faults = faults;
        this.config = config;
        this.json = json;
    }

    @GET
    public Response list() {
        ObjectNode out = json.createObjectNode();
        out.putArray("value").addAll(faults.list(json));
        return Response.ok(out.toString()).build();
    }

    /** Adds a rule after the existing ones; 201 with the rule and its id. */
    @POST
    public Response add(String body) {
        FaultRule rule;
        try {
            rule = FaultRule.parse(ControlBodies.object(json, body), config);
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, "invalidFaultRule", e.getMessage());
        }
        faults.add(rule);
        return Response.status(201).entity(faults.get(rule.id(), json).orElseThrow().toString()).build();
    }

    @DELETE
    public Response clear() {
        faults.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return Response.ok(faults.get(id, json).orElseThrow(() -> missing(id)).toString()).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!faults.remove(id)) throw missing(id);
        return Response.noContent().build();
    }

    private static ControlException missing(String id) {
        return new ControlException(404, "faultRuleNotFound", "No fault rule has id '" + id + "'.");
    }
}
