package io.tenantsync.emulator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.throttle.ThrottleSettings;
import io.tenantsync.emulator.throttle.Throttling;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /_emulator/throttle}: reads and replaces the throttling profile (see {@link ThrottleSettings} for the shape). */
@Produces(MediaType.APPLICATION_JSON)
public final class ThrottleControls {
    private final Throttling throttling;
    private final ObjectMapper json;

    ThrottleControls(Throttling throttling, ObjectMapper json) {
        this.throttling = throttling;
        this.json = json;
    }

    @GET
    public Response get() {
        return Response.ok(throttling.settings().toJson(json).toString()).build();
    }

    /** Replaces the profile; all budgets start full. */
    @PUT
    public Response put(String body) {
        ThrottleSettings s;
        try {
            s = ThrottleSettings.parse(ControlBodies.object(json, body));
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, "invalidThrottleSettings", e.getMessage());
        }
        throttling.configure(s);
        return Response.ok(s.toJson(json).toString()).build();
    }
}
