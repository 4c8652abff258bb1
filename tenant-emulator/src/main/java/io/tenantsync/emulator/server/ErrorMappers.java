package io.tenantsync.emulator.server;

import io.tenantsync.emulator.control.ControlException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/** Errors raised outside the Graph pipeline (routing, form parsing, controls), rendered in Graph's error shape. */
final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {}

    static Response body(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        String json = "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message)
                + ",\"innerError\":{\"date\":\"" + Instant.now().toString().substring(0, 19) + "\",\"request-id\":\"" + requestId
                + "\",\"client-request-id\":\"" + requestId + "\"}}}";
        return Response.status(status).entity(json).type(MediaType.APPLICATION_JSON).header("request-id", requestId).build();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Controls' own refusals. */
    static final class Control implements ExceptionMapper<ControlException> {
        @Override
        public Response toResponse(ControlException e) {
            return body(e.status(), e.code(), e.getMessage());
        }
    }

    /** JAX-RS refusals (unknown path 404, wrong method 405, unsupported media type 415 …) keep their status. */
    static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) status = 400; // a malformed request Jersey could not even parse is the client's error
            String code = switch (status) {
                case 404 -> "Request_ResourceNotFound";
                case 405 -> "Request_BadRequest";
                case 415 -> "UnsupportedMediaType";
                default -> "BadRequest";
            };
            String message = status == 404 ? "The requested resource does not exist." : "The request could not be processed: " + e.getResponse().getStatusInfo().getReasonPhrase() + ".";
            return body(status, code, message);
        }
    }

    /** Anything else is an emulator bug: logged with its stack, answered without internals. */
    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException w) return new WebApplication().toResponse(w);
            if (e instanceof ControlException c) return new Control().toResponse(c);
            if (e instanceof IllegalArgumentException) return body(400, "BadRequest", "The request is malformed.");
            LOG.error("unexpected failure", e);
            return body(500, "generalException", "An internal server error occurred.");
        }
    }
}
