package io.tenantsync.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's SCIM resources, their memberships, the outbox of changes for the target tenant and the target
 * state of each resource, in one HSQLDB database. Reads and writes run in transactions; a write that fails leaves
 * nothing behind.
 */
public final class ResourceStore {
    /**
     * The most candidates a search may evaluate in memory when part of its filter has no column; beyond that the
     * client is asked to narrow the filter ({@code tooMany}).
     */
    public static final int MAX_CANDIDATES = 10_000;

    private final Database db;
    private final ObjectMapper json;

    public ResourceStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Work on the store inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ResourceTransaction tx) throws SQLException, ScimException;
    }

    /** Carries a SCIM refusal out of the database layer, which only knows SQL failures. */
    private static final class Refused extends RuntimeException {
        final ScimException scim;

        Refused(ScimException scim) {
            super(scim.getMessage(), null, false, false);
            this.scim = scim;
        }
    }

    /** Runs {@code work} in one transaction: commits when it returns, rolls back when it throws. */
    public <T> T transaction(Work<T> work) throws ScimException {
        try {
            return db.transaction(c -> {
                try {
                    return work.run(new ResourceTransaction(c));
                } catch (ScimException e) {
                    throw new Refused(e);
                }
            });
        } catch (Refused r) {
            throw r.scim;
        }
    }

    /** The resources of one connection matching a query, one page of them. */
    public SearchPage search(ResourceQuery query) throws ScimException {
        Selection s = select(query);
        // an attribute without a column is sorted here, over the bounded candidates, as an inexact filter is evaluated
        Optional<java.util.Comparator<JsonNode>> inMemory = query.sortBy()
                .filter(by -> FilterTranslator.sortColumn(by).isEmpty())
                .map(by -> JsonSortOrder.of(by, query.sortOrder()));
        return s.exact() && inMemory.isEmpty() ? exactPage(query, s.where(), s.params(), s.order())
                : evaluatedPage(query, s.where(), s.params(), s.order(), inMemory, !s.exact());
    }

    /** A search's SQL parts; exact when the SQL alone decides the matches. */
    private record Selection(String where, List<Object> params, String order, boolean exact) {}

    private static Selection select(ResourceQuery query) throws ScimException {
        StringBuilder where = new StringBuilder(" WHERE r.CONNECTION_ID = ?");
        List<Object> params = new ArrayList<>();
        params.add(query.connectionId());
        query.type().ifPresent(t -> {
            where.append(" AND r.RESOURCE_TYPE = ?");
            params.add(t.name());
        });
        boolean exact = true;
        if (query.filter().isPresent()) {
            SqlPredicate p = FilterTranslator.translate(query.connectionId(), query.filter().get());
            if (!p.exact() && !p.selective()) {
                throw BadRequestException.invalidFilter("the filter has no part the gateway can answer from an index; "
                        + "combine it with 'and' and a comparison on id, externalId, userName, displayName, emails, members.value, "
                        + "meta.created or meta.lastModified");
            }
            exact = p.exact();
            if (!p.sql().equals("TRUE")) {
                where.append(" AND ").append(p.sql());
                params.addAll(p.params());
            }
        }
        boolean sortedInMemory = query.sortBy().filter(by -> FilterTranslator.sortColumn(by).isEmpty()).isPresent();
        return new Selection(where.toString(), params, sortedInMemory ? " ORDER BY r.CREATED_MS, r.ID" : order(query), exact);
    }

    private static String pageSql(Selection s) {
        return "SELECT " + ResourceTransaction.COLUMNS + ", " + TARGET_COLUMNS + WITH_TARGET + s.where() + s.order() + " LIMIT ? OFFSET ?";
    }

    /** HSQLDB's plan for the page query of an exact search, to check which index it reads. */
    String explainPage(ResourceQuery query) throws ScimException {
        Selection s = select(query);
        return db.transaction(c -> {
            // the plan is chosen when the statement is compiled, before any parameter is bound
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN PLAN FOR " + pageSql(s))) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) plan.append(rs.getString(1)).append('\n');
                }
                return plan.toString();
            }
        });
    }

    private static String order(ResourceQuery query) throws BadRequestException {
        String direction = query.sortOrder() == SortOrder.DESCENDING ? " DESC NULLS LAST" : " ASC NULLS LAST";
        if (query.sortBy().isEmpty()) return " ORDER BY r.CREATED_MS, r.ID";
        String column = FilterTranslator.sortColumn(query.sortBy().get()).orElseThrow(() -> BadRequestException.invalidValue(
                "cannot sort by " + query.sortBy().get() + "; sortable: id, externalId, userName, displayName, active, meta.created, meta.lastModified"));
        return " ORDER BY " + column + direction + ", r.ID";
    }

    private SearchPage exactPage(ResourceQuery query, String where, List<Object> params, String order) {
        String pageSql = pageSql(new Selection(where, params, order, true));
        return db.transaction(c -> {
            List<StoredResource> page = new ArrayList<>();
            Map<String, TargetState> targets = new HashMap<>();
            if (query.count() > 0) {
                try (PreparedStatement ps = c.prepareStatement(pageSql)) {
                    int i = bind(ps, params);
                    ps.setInt(i++, query.count());
                    ps.setInt(i, query.startIndex() - 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StoredResource r = ResourceTransaction.row(rs);
                            page.add(r);
                            targets.put(r.id(), target(rs, r));
                        }
                    }
                }
                // a first page that is not full holds every match: no need to count them again
                if (query.startIndex() == 1 && page.size() < query.count()) return new SearchPage(page.size(), List.copyOf(page), Map.copyOf(targets));
            }
            int total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM SCIM_RESOURCE r" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            return new SearchPage(total, List.copyOf(page), Map.copyOf(targets));
        });
    }

    private SearchPage evaluatedPage(ResourceQuery query, String where, List<Object> params, String order,
                                     Optional<java.util.Comparator<JsonNode>> sort, boolean evaluate) throws ScimException {
        List<StoredResource> candidates = db.transaction(c -> {
            List<StoredResource> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ResourceTransaction.COLUMNS + " FROM SCIM_RESOURCE r" + where + order + " LIMIT ?")) {
                int i = bind(ps, params);
                ps.setInt(i, MAX_CANDIDATES + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(ResourceTransaction.row(rs));
                }
            }
            return rows;
        });
        if (candidates.size() > MAX_CANDIDATES) {
            throw BadRequestException.tooMany("the filter selects more than " + MAX_CANDIDATES + " candidates; narrow its indexed part");
        }
        Optional<Filter> filter = evaluate ? query.filter() : Optional.empty();
        List<StoredResource> matches = new ArrayList<>();
        Map<String, JsonNode> bodies = new HashMap<>();
        for (StoredResource r : candidates) {
            JsonNode body = parse(r);
            if (filter.isEmpty() || FilterEvaluator.evaluate(filter.get(), body)) {
                matches.add(r);
                bodies.put(r.id(), body);
            }
        }
        sort.ifPresent(comparator -> matches.sort(java.util.Comparator.comparing(r -> bodies.get(r.id()), comparator)));
        int from = Math.min(matches.size(), query.startIndex() - 1);
        int to = Math.min(matches.size(), from + query.count());
        return new SearchPage(matches.size(), List.copyOf(matches.subList(from, to)), Map.of());
    }

    /** The page query reads each resource's target state with it, saving a lookup per rendered resource. */
    private static final String TARGET_COLUMNS = "t.TARGET_OBJECT_ID, t.STATE, t.LAST_ATTEMPT_MS, t.LAST_ERROR";
    private static final String WITH_TARGET = " FROM SCIM_RESOURCE r LEFT JOIN TARGET_STATE t ON t.CONNECTION_ID = r.CONNECTION_ID AND t.RESOURCE_ID = r.ID";

    private static TargetState target(ResultSet rs, StoredResource r) throws SQLException {
        String state = rs.getString(8);
        if (state == null) return TargetState.pending(r.id(), r.type());
        long attempt = rs.getLong(9);
        Optional<java.time.Instant> lastAttempt = rs.wasNull() ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(attempt));
        return new TargetState(r.id(), r.type(), Optional.ofNullable(rs.getString(7)), TargetStatus.valueOf(state), lastAttempt,
                Optional.ofNullable(rs.getString(10)));
    }

    private JsonNode parse(StoredResource r) {
        try {
            return json.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored resource " + r.id() + " is not JSON", e);
        }
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) ps.setObject(i++, p);
        return i;
    }

    /** The resource {@code id} of a connection, read on its own. */
    public Optional<StoredResource> find(String connectionId, Optional<ResourceType> type, String id) throws ScimException {
        return transaction(tx -> tx.find(connectionId, type, id));
    }
}
