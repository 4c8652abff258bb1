package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenantsync.gateway.auth.Authenticated;
import io.tenantsync.gateway.connection.Connection;
import io.tenantsync.gateway.provisioning.ProvisioningWait;
import io.tenantsync.gateway.store.ChangeRef;
import io.tenantsync.gateway.store.ResourceType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code /Bulk} (RFC 7644 §3.7): operations run one by one, each in its own transaction, in an order that resolves
 * {@code bulkId:} references (forward ones included) before they are used; {@code failOnErrors} stops the run after
 * that many failures. Limits are advertised and enforced with 413.
 */
@Singleton
@Path("Bulk")
public final class BulkEndpoint {
    private static final String BULK_ID_PREFIX = "bulkId:";

    private final ResourceOperations operations;
    private final ProvisioningWait wait;
    private final RequestBodyReader bodies;
    private final ServiceLimits limits;
    private final Executor responder;
    private final ObjectMapper json;

    @Inject
    public BulkEndpoint(ResourceOperations operations, ProvisioningWait wait, ObjectMapper json, ServiceLimits limits, Executor responder) {
        this.operations = operations;
        this.wait = wait;
        this.bodies = new RequestBodyReader(json, limits.maxPayloadBytes());
        this.limits = limits;
        this.responder = responder;
        this.json = json;
    }

    /** One operation of the request, as sent. */
    private record Operation(int index, String method, String path, Optional<String> bulkId, Optional<String> version, JsonNode data,
                             Set<String> references) {}

    @POST
    public void bulk(InputStream body, @Context HttpHeaders headers, @Authenticated Caller caller,
                     @Suspended AsyncResponse async) {
        Connection c = caller.connection();
        ObjectNode response;
        List<ChangeRef> changes = new ArrayList<>();
        try {
            JsonNode parsed = bodies.read(headers.getMediaType(), body, c);
            response = run(c, caller.base(), parsed, changes);
        } catch (ScimException e) {
            async.resume(ScimErrors.response(e));
            return;
        } catch (RuntimeException e) {
            async.resume(e);
            return;
        }
        CompletableFuture<Void> waited = wait.after(c, changes);
        if (waited.isDone()) async.resume(ResourceEndpoint.ok(200, response).build());
        else waited.thenRunAsync(() -> async.resume(ResourceEndpoint.ok(200, response).build()), responder);
    }

    private ObjectNode run(Connection c, URI base, JsonNode request, List<ChangeRef> changes) throws ScimException {
        if (!request.isObject()) throw BadRequestException.invalidSyntax("a Bulk body must be a BulkRequest JSON object");
        JsonNode ops = field(request, "Operations");
        if (ops == null || !ops.isArray()) throw BadRequestException.invalidSyntax("a BulkRequest needs an 'Operations' array");
        if (ops.size() > limits.bulkMaxOperations()) {
            throw new ScimException(413, null, "the request has " + ops.size() + " operations; maxOperations is " + limits.bulkMaxOperations());
        }
        JsonNode failOnErrorsNode = field(request, "failOnErrors");
        int failOnErrors = failOnErrorsNode != null && failOnErrorsNode.canConvertToInt() && failOnErrorsNode.intValue() > 0
                ? failOnErrorsNode.intValue() : Integer.MAX_VALUE;

        List<Operation> pending = new ArrayList<>();
        Set<String> bulkIds = new LinkedHashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = parse(i, ops.get(i));
            if (op.bulkId().isPresent() && !bulkIds.add(op.bulkId().get())) {
                throw BadRequestException.invalidValue("bulkId " + op.bulkId().get() + " appears twice");
            }
            pending.add(op);
        }

        Map<String, String> resolved = new HashMap<>();
        Set<String> failedBulkIds = new LinkedHashSet<>();
        Map<Integer, ObjectNode> results = new HashMap<>();
        int errors = 0;
        // run every operation whose references are resolved, in request order, until none can run
        while (!pending.isEmpty() && errors < failOnErrors) {
            Operation next = null;
            for (Operation op : pending) {
                boolean blocked = op.references().stream().anyMatch(ref -> !resolved.containsKey(ref) && !failedBulkIds.contains(ref) && bulkIds.contains(ref));
                if (!blocked) {
                    next = op;
                    break;
                }
            }
            if (next == null) {
                // the rest wait on each other: circular references
                for (Operation op : pending) {
                    results.put(op.index(), failure(op, new ScimException(409, "invalidValue", "circular bulkId references")));
                    op.bulkId().ifPresent(failedBulkIds::add);
                }
                errors += pending.size();
                pending.clear();
                break;
            }
            pending.remove(next);
            ObjectNode result;
            try {
                result = execute(c, base, next, resolved, failedBulkIds, bulkIds, changes);
            } catch (ScimException e) {
                result = failure(next, e);
            }
            if (result.path("status").asText().startsWith("2")) {
                String location = result.path("location").asText();
                next.bulkId().ifPresent(id -> resolved.put(id, idFromLocation(location)));
            } else {
                errors++;
                next.bulkId().ifPresent(failedBulkIds::add);
            }
            results.put(next.index(), result);
        }

        ObjectNode response = json.createObjectNode();
        response.putArray("schemas").add(ScimSchemas.BULK_RESPONSE);
        ArrayNode out = response.putArray("Operations");
        for (int i = 0; i < ops.size(); i++) {
            if (results.containsKey(i)) out.add(results.get(i));
        }
        return response;
    }

    private static String idFromLocation(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Operation parse(int index, JsonNode op) throws BadRequestException {
        if (!op.isObject()) throw BadRequestException.invalidSyntax("operation " + index + " is not a JSON object");
        JsonNode method = field(op, "method");
        JsonNode path = field(op, "path");
        if (method == null || !method.isTextual()) throw BadRequestException.invalidSyntax("operation " + index + " needs a 'method'");
        if (path == null || !path.isTextual()) throw BadRequestException.invalidSyntax("operation " + index + " needs a 'path'");
        JsonNode bulkId = field(op, "bulkId");
        JsonNode version = field(op, "version");
        JsonNode data = field(op, "data");
        Set<String> references = new LinkedHashSet<>();
        collectReferences(path, references);
        if (data != null) collectReferences(data, references);
        String m = method.textValue().toUpperCase(Locale.ROOT);
        if (m.equals("POST") && (bulkId == null || !bulkId.isTextual() || bulkId.textValue().isEmpty())) {
            throw BadRequestException.invalidValue("POST operation " + index + " needs a bulkId");
        }
        return new Operation(index, m, path.textValue(), Optional.ofNullable(bulkId).filter(JsonNode::isTextual).map(JsonNode::textValue),
                Optional.ofNullable(version).filter(JsonNode::isTextual).map(JsonNode::textValue), data, references);
    }

    private static void collectReferences(JsonNode node, Set<String> references) {
        if (node.isTextual()) {
            String s = node.textValue();
            int at = s.indexOf(BULK_ID_PREFIX);
            if (at >= 0) references.add(s.substring(at + BULK_ID_PREFIX.length()));
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectReferences(child, references));
        }
    }

    private ObjectNode execute(Connection c, URI base, Operation op, Map<String, String> resolved, Set<String> failed, Set<String> known,
                               List<ChangeRef> changes) throws ScimException {
        for (String ref : op.references()) {
            if (failed.contains(ref)) throw new ScimException(409, "invalidValue", "bulkId " + ref + " refers to an operation that failed");
            if (!known.contains(ref)) throw new ScimException(409, "invalidValue", "bulkId " + ref + " is not defined in this request");
        }
        String path = substitute(TextNode.valueOf(op.path()), resolved).textValue();
        JsonNode data = op.data() == null ? null : substitute(op.data().deepCopy(), resolved);
        String[] segments = path.replaceFirst("^/+", "").split("/");
        ResourceType type = ResourceType.ofEndpoint(segments[0]).orElseThrow(() -> BadRequestException.invalidPath("unknown resource path " + op.path()));
        Optional<String> id = segments.length > 1 ? Optional.of(segments[1]) : Optional.empty();
        String ifMatch = op.version().orElse(null);
        ObjectNode result = json.createObjectNode().put("method", op.method());
        op.bulkId().ifPresent(b -> result.put("bulkId", b));
        switch (op.method()) {
            case "POST" -> {
                if (id.isPresent()) throw BadRequestException.invalidPath("POST takes a resource-type path such as /Users");
                ResourceOperations.Written w = operations.create(c, type, require(data, op));
                w.change().ifPresent(changes::add);
                return written(result, base, w, "201");
            }
            case "PUT", "PATCH" -> {
                String target = id.orElseThrow(() -> BadRequestException.invalidPath(op.method() + " needs a resource path such as /Users/{id}"));
                ResourceOperations.Written w = op.method().equals("PUT")
                        ? operations.replace(c, type, target, require(data, op), ifMatch)
                        : operations.patch(c, type, target, require(data, op), ifMatch);
                w.change().ifPresent(changes::add);
                return written(result, base, w, "200");
            }
            case "DELETE" -> {
                String target = id.orElseThrow(() -> BadRequestException.invalidPath("DELETE needs a resource path such as /Users/{id}"));
                changes.add(operations.delete(c, type, target, ifMatch));
                return result.put("location", ResourceRenderer.location(base, type, target)).put("status", "204");
            }
            default -> throw BadRequestException.invalidSyntax("unknown bulk method " + op.method());
        }
    }

    private static JsonNode require(JsonNode data, Operation op) throws BadRequestException {
        if (data == null || data.isNull()) throw BadRequestException.invalidSyntax(op.method() + " operation " + op.index() + " needs 'data'");
        return data;
    }

    private static ObjectNode written(ObjectNode result, URI base, ResourceOperations.Written w, String status) {
        return result.put("location", ResourceRenderer.location(base, w.resource().type(), w.resource().id()))
                .put("version", new ResourceVersion(w.resource().version()).etag())
                .put("status", status);
    }

    private ObjectNode failure(Operation op, ScimException e) {
        ObjectNode result = json.createObjectNode().put("method", op.method());
        op.bulkId().ifPresent(b -> result.put("bulkId", b));
        int status = e.getScimError().getStatus();
        result.put("status", Integer.toString(status));
        result.set("response", ScimErrors.body(status, e.getScimError().getScimType(), e.getScimError().getDetail()));
        return result;
    }

    /** Replaces every {@code bulkId:x} in string values with the id the operation x created. */
    private static JsonNode substitute(JsonNode node, Map<String, String> resolved) {
        if (node.isTextual()) {
            String s = node.textValue();
            int at = s.indexOf(BULK_ID_PREFIX);
            if (at < 0) return node;
            String ref = s.substring(at + BULK_ID_PREFIX.length());
            String id = resolved.get(ref);
            return id == null ? node : TextNode.valueOf(s.substring(0, at) + id);
        }
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                f.setValue(substitute(f.getValue(), resolved));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) a.set(i, substitute(a.get(i), resolved));
        }
        return node;
    }

    private static JsonNode field(JsonNode o, String name) {
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) return f.getValue();
        }
        return null;
    }
}
