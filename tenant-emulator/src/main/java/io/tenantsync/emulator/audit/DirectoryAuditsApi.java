package io.tenantsync.emulator.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.odata.FilterExpr;
import io.tenantsync.emulator.odata.JsonFilterEvaluator;
import io.tenantsync.emulator.odata.Literal;
import io.tenantsync.emulator.odata.ODataFilterParser;
import io.tenantsync.emulator.odata.ODataSelect;
import io.tenantsync.emulator.odata.ODataSyntaxException;
import io.tenantsync.emulator.odata.Operand;
import io.tenantsync.emulator.odata.UnsupportedQueryException;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /auditLogs/directoryAudits} (+ {@code /{id}}): the caller's tenant's audit entries, newest first unless
 * {@code $orderby=activityDateTime asc}. {@code activityDateTime} bounds of an and-ed filter narrow the SQL range;
 * the whole filter is then evaluated on each entry, over at most {@link #SCAN_LIMIT} rows per request — a page that
 * hits the limit ends early with a nextLink that resumes where the scan stopped.
 */
public final class DirectoryAuditsApi implements GraphApi {
    static final int SCAN_LIMIT = 5_000;
    private static final int BATCH = 500, DEFAULT_TOP = 100, MAX_TOP = 1000;
    private static final Set<String> PROPERTIES = Set.of("id", "category", "correlationId", "result", "resultReason",
            "activityDisplayName", "activityDateTime", "loggedByService", "operationType", "initiatedBy", "targetResources",
            "additionalDetails");

    private final Database db;
    private final ObjectMapper json;

    public DirectoryAuditsApi(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public void register(Routes routes) {
        routes.get("auditLogs/directoryAudits", this::list);
        routes.get("auditLogs/directoryAudits/{id}", this::get);
    }

    /** Position after the last row returned: its time and sequence number. */
    private record Cursor(Instant at, long seq) {}

    /** Range of activityDateTime an and-ed filter allows (either end may be open). */
    private record Range(Instant from, Instant to) {}

    private GraphResponse list(GraphCall call) {
        call.caller().require("AuditLog.Read.All");
        GraphRequest req = call.request();
        FilterExpr filter = req.option("$filter").filter(f -> !f.isBlank()).map(DirectoryAuditsApi::parse).orElse(null);
        Range range = filter == null ? new Range(null, null) : narrow(filter, new Range(null, null));
        boolean ascending = ascending(req);
        int top = top(req);
        List<String> select = select(req);
        Cursor start = req.option("$skiptoken").map(DirectoryAuditsApi::decode).orElse(null);
        String tenant = call.caller().tenantId();

        record Page(List<ObjectNode> items, Cursor next) {}
        Page page = db.transaction(c -> {
            List<ObjectNode> items = new ArrayList<>();
            Cursor position = start;
            int scanned = 0;
            while (true) {
                List<Row> rows = rows(c, tenant, range, ascending, position, BATCH);
                for (Row r : rows) {
                    scanned++;
                    position = new Cursor(r.at(), r.seq());
                    if (filter == null || JsonFilterEvaluator.matches(filter, r.body())) {
                        items.add(r.body());
                        if (items.size() == top) return new Page(items, hasMore(c, tenant, range, ascending, position) ? position : null);
                    }
                    if (scanned >= SCAN_LIMIT) {
                        return new Page(items, hasMore(c, tenant, range, ascending, position) ? position : null);
                    }
                }
                if (rows.size() < BATCH) return new Page(items, null);
            }
        });
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", req.serviceRoot() + "/$metadata#auditLogs/directoryAudits");
        if (page.next() != null) body.put("@odata.nextLink", nextLink(req, page.next()));
        ArrayNode value = body.putArray("value");
        page.items().forEach(i -> value.add(Projection.project(i, select, null, Set.of(), null)));
        return GraphResponse.ok(body);
    }

    private GraphResponse get(GraphCall call) {
        call.caller().require("AuditLog.Read.All");
        String id = call.var("id");
        ObjectNode entry = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT BODY FROM DIRECTORY_AUDIT WHERE TENANT_ID = ? AND ID = ?")) {
                ps.setString(1, call.caller().tenantId());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? read(rs.getString(1)) : null;
                }
            }
        });
        if (entry == null) throw GraphException.notFound(id);
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", call.request().serviceRoot() + "/$metadata#auditLogs/directoryAudits/$entity");
        out.setAll(Projection.project(entry, select(call.request()), null, Set.of(), null));
        return GraphResponse.ok(out);
    }

    private record Row(long seq, Instant at, ObjectNode body) {}

    private List<Row> rows(Connection c, String tenant, Range range, boolean ascending, Cursor after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT SEQ, ACTIVITY_AT, BODY FROM DIRECTORY_AUDIT WHERE TENANT_ID = ?");
        List<Object> params = new ArrayList<>(List.of(tenant));
        where(sql, params, range, ascending, after);
        String dir = ascending ? "ASC" : "DESC";
        sql.append(" ORDER BY ACTIVITY_AT ").append(dir).append(", SEQ ").append(dir).append(" LIMIT ").append(limit);
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            DirectoryStore.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), read(rs.getString(3))));
                }
            }
        }
        return out;
    }

    private boolean hasMore(Connection c, String tenant, Range range, boolean ascending, Cursor after) throws SQLException {
        return !rows(c, tenant, range, ascending, after, 1).isEmpty();
    }

    private static void where(StringBuilder sql, List<Object> params, Range range, boolean ascending, Cursor after) {
        if (range.from() != null) {
            sql.append(" AND ACTIVITY_AT >= ?");
            params.add(range.from());
        }
        if (range.to() != null) {
            sql.append(" AND ACTIVITY_AT <= ?");
            params.add(range.to());
        }
        if (after != null) {
            String op = ascending ? ">" : "<";
            sql.append(" AND (ACTIVITY_AT ").append(op).append(" ? OR (ACTIVITY_AT = ? AND SEQ ").append(op).append(" ?))");
            params.add(after.at());
            params.add(after.at());
            params.add(after.seq());
        }
    }

    /**
     * Tightens {@code r} with the activityDateTime comparisons that every match must satisfy (those reachable through
     * {@code and} only). Bounds are inclusive: the exact comparison is left to the in-memory evaluation.
     */
    private static Range narrow(FilterExpr f, Range r) {
        if (f instanceof FilterExpr.And and) return narrow(and.right(), narrow(and.left(), r));
        if (f instanceof FilterExpr.Comparison cmp && cmp.subject() instanceof Operand.Property p
                && p.path().size() == 1 && p.path().get(0).equalsIgnoreCase("activityDateTime")
                && cmp.value() instanceof Literal.DateTimeValue t) {
            Instant v = t.value();
            Instant from = r.from(), to = r.to();
            switch (cmp.operator()) {
                case GE, GT -> from = from == null || v.isAfter(from) ? v : from;
                case LE, LT -> to = to == null || v.isBefore(to) ? v : to;
                case EQ -> {
                    from = from == null || v.isAfter(from) ? v : from;
                    to = to == null || v.isBefore(to) ? v : to;
                }
                default -> { }
            }
            return new Range(from, to);
        }
        return r;
    }

    private static FilterExpr parse(String f) {
        FilterExpr expr;
        try {
            expr = ODataFilterParser.parse(f);
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        } catch (UnsupportedQueryException e) {
            throw new GraphException(400, e.code(), e.getMessage());
        }
        checkProperties(expr);
        return expr;
    }

    /** Rejects properties a directoryAudit does not have, as Graph does, instead of silently matching nothing. */
    private static void checkProperties(FilterExpr expr) {
        expr.accept(new FilterExpr.Visitor<Void>() {
            @Override public Void visitAnd(FilterExpr.And and) { and.left().accept(this); and.right().accept(this); return null; }
            @Override public Void visitOr(FilterExpr.Or or) { or.left().accept(this); or.right().accept(this); return null; }
            @Override public Void visitNot(FilterExpr.Not not) { not.operand().accept(this); return null; }
            @Override public Void visitComparison(FilterExpr.Comparison c) { check(c.subject()); return null; }
            @Override public Void visitIn(FilterExpr.In in) { check(in.subject()); return null; }
            @Override public Void visitStringMatch(FilterExpr.StringMatch m) { check(m.subject()); return null; }
            @Override public Void visitLambda(FilterExpr.Lambda l) { check(l.collection()); return null; }
            @Override public Void visitCount(FilterExpr.CountComparison c) { check(c.collection()); return null; }

            private void check(Operand o) {
                if (o.unwrapped() instanceof Operand.Property p && !PROPERTIES.contains(p.path().get(0))) {
                    throw new GraphException(400, "BadRequest",
                            "Could not find a property named '" + p.path().get(0) + "' on type 'microsoft.graph.directoryAudit'.");
                }
            }
        });
    }

    private static boolean ascending(GraphRequest req) {
        String o = req.option("$orderby").orElse(null);
        if (o == null || o.isBlank()) return false;
        String[] parts = o.trim().split("\\s+");
        if (parts.length <= 2 && parts[0].equalsIgnoreCase("activityDateTime")) {
            if (parts.length == 1 || parts[1].equalsIgnoreCase("asc")) return true;
            if (parts[1].equalsIgnoreCase("desc")) return false;
        }
        throw new GraphException(400, "Request_UnsupportedQuery", "Only $orderby=activityDateTime [asc|desc] is supported on directoryAudits.");
    }

    private static int top(GraphRequest req) {
        String t = req.option("$top").orElse(null);
        if (t == null) return DEFAULT_TOP;
        try {
            int n = Integer.parseInt(t.trim());
            if (n >= 1 && n <= MAX_TOP) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw GraphException.badRequest("Invalid page size specified: '" + t + "'. Must be between 1 and " + MAX_TOP + " inclusive.");
    }

    private static List<String> select(GraphRequest req) {
        try {
            return req.option("$select").map(ODataSelect::parse).orElse(List.of());
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        }
    }

    private static String nextLink(GraphRequest req, Cursor next) {
        StringBuilder q = new StringBuilder();
        for (var e : req.query().entrySet()) {
            if (e.getKey().equalsIgnoreCase("$skiptoken")) continue;
            q.append(q.isEmpty() ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("a:" + next.at().toEpochMilli() + ":" + next.seq()).getBytes(StandardCharsets.UTF_8));
        q.append(q.isEmpty() ? "" : "&").append("$skiptoken=").append(token);
        return req.serviceRoot() + "/auditLogs/directoryAudits?" + q;
    }

    private static Cursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("a")) return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new GraphException(400, "Directory_ExpiredPageToken", "The specified page token value has expired or is invalid.");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt audit entry", e);
        }
    }

}
