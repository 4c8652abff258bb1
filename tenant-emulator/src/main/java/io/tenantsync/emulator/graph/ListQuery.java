package io.tenantsync.emulator.graph;

import io.tenantsync.emulator.odata.FilterExpr;
import io.tenantsync.emulator.odata.FilterKeys;
import io.tenantsync.emulator.odata.FilterSchema;
import io.tenantsync.emulator.odata.ODataFilterParser;
import io.tenantsync.emulator.odata.ODataOrderBy;
import io.tenantsync.emulator.odata.ODataSelect;
import io.tenantsync.emulator.odata.ODataSyntaxException;
import io.tenantsync.emulator.odata.SqlFilterTranslator;
import io.tenantsync.emulator.odata.SqlOrderTranslator;
import io.tenantsync.emulator.odata.SqlPredicate;
import io.tenantsync.emulator.odata.UnsupportedQueryException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.StringJoiner;

/**
 * The OData query options of one collection request, checked and translated: {@code $filter} to SQL,
 * {@code $orderby}, {@code $select}, {@code $top}, {@code $count} and the {@code $skiptoken} cursor, with Graph's
 * advanced-query rules ({@code ConsistencyLevel: eventual} + {@code $count=true}). {@code keys}: the ids the filter
 * confines matches to ({@link FilterKeys}), or null when it does not.
 */
public record ListQuery(SqlPredicate where, NavigableSet<String> keys, String orderBy, List<String> select, int top,
                        boolean count, Cursor cursor) {
    /** Graph's default and maximum page sizes for directory objects. */
    public static final int DEFAULT_TOP = 100, MAX_TOP = 999;

    /** Where a page starts: after an id (id order) or at an offset (any other order). */
    public record Cursor(String afterId, int offset) {
        static final Cursor START = new Cursor(null, 0);
    }

    /** Parses and validates the options of {@code req} against the entity's filter schema. */
    public static ListQuery of(GraphRequest req, FilterSchema schema) {
        boolean advanced = req.eventualConsistency() && req.option("$count").map("true"::equalsIgnoreCase).orElse(false);
        try {
            SqlPredicate where = null;
            NavigableSet<String> keys = null;
            FilterExpr filter = null;
            String f = req.option("$filter").orElse(null);
            if (f != null && !f.isBlank()) {
                filter = ODataFilterParser.parse(f);
                if (filter.requiresAdvancedQuery() && !advanced) {
                    throw GraphException.unsupportedQuery("Unsupported or invalid query filter clause specified for property '"
                            + "' of resource '" + schema.entityName() + "'. This filter requires the ConsistencyLevel: eventual header and $count=true.");
                }
                where = SqlFilterTranslator.translate(filter, schema);
                keys = FilterKeys.of(filter).map(Collections::unmodifiableNavigableSet).orElse(null);
            }
            String orderBy = null;
            String o = req.option("$orderby").orElse(null);
            if (o != null && !o.isBlank()) {
                if (filter != null && !advanced) {
                    throw GraphException.unsupportedQuery("Sorting and filtering together require the ConsistencyLevel: eventual header and $count=true.");
                }
                orderBy = SqlOrderTranslator.translate(ODataOrderBy.parse(o), schema);
            }
            List<String> select = req.option("$select").map(ODataSelect::parse).orElse(List.of());
            int top = DEFAULT_TOP;
            String t = req.option("$top").orElse(null);
            if (t != null) {
                try {
                    top = Integer.parseInt(t.trim());
                } catch (NumberFormatException e) {
                    throw GraphException.badRequest("Invalid value '" + t + "' for query option $top.");
                }
                if (top < 1 || top > MAX_TOP) {
                    throw GraphException.badRequest("Invalid page size specified: '" + t + "'. Must be between 1 and " + MAX_TOP + " inclusive.");
                }
            }
            Cursor cursor = req.option("$skiptoken").map(ListQuery::decode).orElse(Cursor.START);
            if (orderBy == null && cursor.afterId() == null && cursor.offset() > 0 || orderBy != null && cursor.afterId() != null) {
                throw expired();
            }
            return new ListQuery(where, keys, orderBy, select, top, advanced, cursor);
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        } catch (UnsupportedQueryException e) {
            throw new GraphException(400, e.code(), e.getMessage());
        }
    }

    /** SQL text of the filter, or null. */
    public String whereSql() { return where == null ? null : where.sql(); }

    /** A value the filter requires a string collection to hold, for an index-driven read; null when none. */
    public io.tenantsync.emulator.odata.ValueLookup whereLookup() { return where == null ? null : where.lookup().orElse(null); }

    /** Parameters of the filter. */
    public List<Object> whereParams() { return where == null ? List.of() : where.params(); }

    /** The cursor after a page that ended with {@code lastId}, having started at this query's cursor. */
    public Cursor next(String lastId, int pageSize) {
        return orderBy == null ? new Cursor(lastId, 0) : new Cursor(null, cursor.offset() + pageSize);
    }

    /** The absolute nextLink for a cursor: the same request with {@code $skiptoken} replaced. */
    public static String nextLink(GraphRequest req, Cursor next) {
        StringJoiner q = new StringJoiner("&");
        for (Map.Entry<String, String> e : req.query().entrySet()) {
            if (e.getKey().equalsIgnoreCase("$skiptoken")) continue;
            q.add(enc(e.getKey()) + "=" + enc(e.getValue()));
        }
        q.add("$skiptoken=" + encode(next));
        return req.serviceRoot() + "/" + String.join("/", req.segments().stream().map(ListQuery::encPath).toList()) + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$").replace("%2C", ",");
    }

    private static String encPath(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$").replace("%40", "@");
    }

    static String encode(Cursor c) {
        String raw = c.afterId() != null ? "k:" + c.afterId() : "o:" + c.offset();
        return "X%27" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)) + "%27";
    }

    static Cursor decode(String token) {
        String t = token;
        if (t.startsWith("X'") && t.endsWith("'") && t.length() > 3) t = t.substring(2, t.length() - 1);
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw expired();
        }
        if (raw.startsWith("k:") && raw.substring(2).matches("[0-9a-f-]{36}")) return new Cursor(raw.substring(2), 0);
        if (raw.startsWith("o:")) {
            try {
                int off = Integer.parseInt(raw.substring(2));
                if (off >= 0) return new Cursor(null, off);
            } catch (NumberFormatException ignored) {
                // falls through to the error
            }
        }
        throw expired();
    }

    private static GraphException expired() {
        return new GraphException(400, "Directory_ExpiredPageToken", "The specified page token value has expired or is invalid.");
    }
}
