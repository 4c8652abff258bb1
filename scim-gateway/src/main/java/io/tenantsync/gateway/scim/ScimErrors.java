package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error leaves the gateway as an RFC 7644 §3.12 body: {@code schemas}, {@code status} as a string, {@code scimType}, {@code detail}. */
public final class ScimErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

    private ScimErrors() {}

    /** The SCIM error body. */
    public static ObjectNode body(int status, String scimType, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(ScimSchemas.ERROR);
        body.put("status", Integer.toString(status));
        if (scimType != null) body.put("scimType", scimType);
        if (detail != null) body.put("detail", detail);
        return body;
    }

    /** The response for a status, scimType and detail. */
    public static Response response(int status, String scimType, String detail) {
        Response.ResponseBuilder r = Response.status(status).type(ScimMediaType.SCIM_JSON_TYPE).entity(body(status, scimType, detail).toString());
        if (status == 401) r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tenantsync\"");
        return r.build();
    }

    /** The response for a SCIM exception. */
    public static Response response(ScimException e) {
        ErrorResponse error = e.getScimError();
        return response(error.getStatus(), error.getScimType(), error.getDetail());
    }

    /** SCIM refusals raised by the gateway. */
    public static final class ScimExceptionMapper implements ExceptionMapper<ScimException> {
        @Override
        public Response toResponse(ScimException e) {
            return response(e);
        }
    }

    /** JAX-RS refusals (unknown path 404, wrong method 405, …) keep their status, in SCIM's shape. */
    public static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) status = 400; // Jersey could not even read the request: the client's error
            String detail = switch (status) {
                case 404 -> "no such endpoint";
                case 405 -> "this endpoint does not support the method";
                case 406 -> "responses are application/scim+json";
                case 415 -> "request bodies must be application/scim+json or application/json";
                default -> e.getResponse().getStatusInfo().getReasonPhrase();
            };
            Response r = response(status, null, detail);
            if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
                return Response.fromResponse(r).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
            }
            return r;
        }
    }

    /** Anything else is a gateway bug: logged with its stack, answered without internals. */
    public static final class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException w) return new WebApplicationMapper().toResponse(w);
            LOG.error("unexpected failure", e);
            return response(500, null, "internal error");
        }
    }
}
