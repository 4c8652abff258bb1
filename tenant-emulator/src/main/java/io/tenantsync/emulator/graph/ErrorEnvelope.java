package io.tenantsync.emulator.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Turns every failure into Graph's OData error envelope and stamps request-id / client-request-id on every response. */
public final class ErrorEnvelope implements GraphPipeline.Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorEnvelope.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final Clock wall;

    public ErrorEnvelope(ObjectMapper json, Clock wall) {
        this.json = json;
        this.wall = wall;
    }

    @Override
    public GraphResponse intercept(GraphPipeline.Chain chain) {
        GraphRequest req = chain.request();
        GraphResponse res;
        try {
            res = chain.proceed(req, chain.caller());
        } catch (GraphException e) {
            res = error(req, e);
        } catch (StoreException e) {
            res = error(req, fromStore(req, e));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} /{}: {}", req.method(), req.path(), e.toString(), e);
            res = error(req, new GraphException(500, "generalException", "An internal server error occurred."));
        }
        String clientRequestId = req.header("client-request-id").orElse(req.requestId());
        return res.withHeader("request-id", req.requestId()).withHeader("client-request-id", clientRequestId);
    }

    /** A store failure the client can act on: a lost race for a unique value, or a write conflict worth retrying. */
    private static GraphException fromStore(GraphRequest req, StoreException e) {
        if (e.isUniqueViolation()) {
            return GraphException.badRequest("Another object with the same value for a unique property already exists.");
        }
        if (e.getCause() instanceof java.sql.SQLTransactionRollbackException) {
            return new GraphException(503, "Directory_ConcurrencyViolation",
                    "A concurrent change to the same object was committed first; retry the request.", java.util.Map.of("Retry-After", "1"));
        }
        LOG.error("store failure on {} /{}: {}", req.method(), req.path(), e.toString(), e);
        return new GraphException(500, "generalException", "An internal server error occurred.");
    }

    /** The envelope for one error. */
    public GraphResponse error(GraphRequest req, GraphException e) {
        ObjectNode body = json.createObjectNode();
        ObjectNode err = body.putObject("error");
        err.put("code", e.code());
        err.put("message", e.getMessage());
        ObjectNode inner = err.putObject("innerError");
        inner.put("date", DATE.format(wall.instant()));
        inner.put("request-id", req.requestId());
        inner.put("client-request-id", req.header("client-request-id").orElse(req.requestId()));
        if (e.status() == 429) {
            inner.put("code", "429");
            inner.put("status", "429");
        }
        return new GraphResponse(e.status(), e.headers(), body, null);
    }
}
