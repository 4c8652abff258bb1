package io.tenantsync.emulator.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.ListQuery;
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.odata.FilterSchema;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;

import java.util.List;
import java.util.Set;

/**
 * Collection reads over directory objects ({@code /users}, {@code /groups}, deleted items): OData options,
 * paging with {@code @odata.nextLink}, {@code $count}, all answered by SQL over the indexed store.
 */
public final class DirectoryCollections {
    /** How one kind of object is listed. */
    public record Kind(String type, boolean deleted, FilterSchema schema, List<String> defaultSelect,
                       Set<String> neverReturned, String odataType, String contextSegment) {}

    private final Database db;
    private final DirectoryStore store;
    private final ObjectMapper json;

    public DirectoryCollections(Database db, DirectoryStore store, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.json = json;
    }

    /** One page of a collection. */
    public GraphResponse list(GraphCall call, Kind kind) {
        GraphRequest req = call.request();
        ListQuery q = ListQuery.of(req, kind.schema());
        String tenant = call.caller().tenantId();
        record Result(List<DirectoryObject> rows, Long count) {}
        Result r = db.transaction(c -> {
            var query = new DirectoryStore.Query(tenant, kind.type(), kind.deleted(), q.whereSql(), q.whereParams(),
                    q.orderBy(), q.cursor().afterId(), q.cursor().offset(), q.top() + 1, q.whereLookup());
            // a filter on ids (id in (…), as a client reads a batch of known users) is answered by key
            List<DirectoryObject> rows = q.keys() == null ? store.query(c, query) : store.queryByKeys(c, query, q.keys());
            Long count = !q.count() ? null : q.keys() == null
                    ? store.count(c, tenant, kind.type(), kind.deleted(), q.whereSql(), q.whereParams(), q.whereLookup())
                    : store.countByKeys(c, tenant, kind.type(), kind.deleted(), q.whereSql(), q.whereParams(), q.keys());
            return new Result(rows, count);
        });
        boolean more = r.rows().size() > q.top();
        List<DirectoryObject> page = more ? r.rows().subList(0, q.top()) : r.rows();
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", req.serviceRoot() + "/$metadata#" + kind.contextSegment());
        if (r.count() != null) body.put("@odata.count", r.count());
        if (more) {
            body.put("@odata.nextLink", ListQuery.nextLink(req, q.next(page.get(page.size() - 1).id(), page.size())));
        }
        ArrayNode value = body.putArray("value");
        for (DirectoryObject o : page) {
            value.add(Projection.project(o.body(), q.select(), kind.defaultSelect(), kind.neverReturned(), kind.odataType()));
        }
        return GraphResponse.ok(body);
    }

    /** The {@code /$count} segment: needs {@code ConsistencyLevel: eventual}; answers plain text. */
    public GraphResponse count(GraphCall call, Kind kind) {
        GraphRequest req = call.request();
        if (!req.eventualConsistency()) {
            throw GraphException.badRequest("$count is not currently supported.");
        }
        ListQuery q = ListQuery.of(withAdvanced(req), kind.schema());
        String tenant = call.caller().tenantId();
        long n = db.transaction(c -> q.keys() == null
                ? store.count(c, tenant, kind.type(), kind.deleted(), q.whereSql(), q.whereParams(), q.whereLookup())
                : store.countByKeys(c, tenant, kind.type(), kind.deleted(), q.whereSql(), q.whereParams(), q.keys()));
        return GraphResponse.text(Long.toString(n));
    }

    private static GraphRequest withAdvanced(GraphRequest req) {
        var query = new java.util.LinkedHashMap<>(req.query());
        query.put("$count", "true");
        return new GraphRequest(req.method(), req.version(), req.segments(), query, req.headers(), req.body(), req.serviceRoot(), req.requestId());
    }

    /** A single object rendered with {@code $select} and the entity's {@code @odata.context}. */
    public ObjectNode single(GraphRequest req, DirectoryObject o, Kind kind) {
        List<String> select = req.option("$select").map(s -> ListQuery.of(onlySelect(req), kind.schema()).select()).orElse(List.of());
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", req.serviceRoot() + "/$metadata#" + kind.contextSegment() + "/$entity");
        ObjectNode p = Projection.project(o.body(), select, kind.defaultSelect(), kind.neverReturned(), null);
        p.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    private static GraphRequest onlySelect(GraphRequest req) {
        var query = new java.util.LinkedHashMap<String, String>();
        req.option("$select").ifPresent(s -> query.put("$select", s));
        return new GraphRequest(req.method(), req.version(), req.segments(), query, req.headers(), req.body(), req.serviceRoot(), req.requestId());
    }

    /** Reads a stored value as JSON text for error messages. */
    static String text(JsonNode n) { return n == null || n.isNull() ? null : n.asText(); }
}
