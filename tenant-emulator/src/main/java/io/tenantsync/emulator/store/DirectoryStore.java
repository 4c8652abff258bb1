package io.tenantsync.emulator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenantsync.emulator.odata.ValueLookup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * Directory objects of all tenants in HSQLDB. Every method works inside the caller's transaction (a connection from
 * {@link Database#transaction}), so a handler's whole change commits or rolls back together. Every write appends
 * to the change log that delta queries read.
 */
public final class DirectoryStore {
    private static final IndexedProperty[] COLUMNS = IndexedProperty.values();
    private static final String COLUMNS_OF_O = "o.TENANT_ID, o.ID, o.OBJECT_TYPE, o.BODY, o.CREATED_AT, o.DELETED_AT, o.MANAGER_ID, o.CHANGE_SEQ";
    private static final String SELECT = "SELECT " + COLUMNS_OF_O + " FROM DIRECTORY_OBJECT o";
    /**
     * The objects holding a {@link ValueLookup}'s value, reached through the value index: OBJECT_VALUE first, and no
     * constant on {@code o.TENANT_ID}, or HSQLDB prefers the DO_TYPE index and walks the tenant. The MIN(IDX) guard
     * keeps one row per object when a collection holds the value twice.
     */
    private static final String FROM_LOOKUP = " FROM OBJECT_VALUE lk JOIN DIRECTORY_OBJECT o ON o.TENANT_ID = lk.TENANT_ID"
            + " AND o.ID = lk.OBJECT_ID WHERE lk.TENANT_ID = ? AND lk.PROP = ? AND lk.SUB = '' AND lk.VALUE_LC = ?"
            + " AND lk.IDX = (SELECT MIN(lk2.IDX) FROM OBJECT_VALUE lk2 WHERE lk2.TENANT_ID = lk.TENANT_ID"
            + " AND lk2.OBJECT_ID = lk.OBJECT_ID AND lk2.PROP = lk.PROP AND lk2.SUB = '' AND lk2.VALUE_LC = lk.VALUE_LC)"
            + " AND o.OBJECT_TYPE = ? AND o.DELETED = ?";
    private static final String INSERT;
    private static final String UPDATE;

    static {
        StringBuilder cols = new StringBuilder("TENANT_ID, ID, OBJECT_TYPE, DELETED, DELETED_AT, CREATED_AT, CHANGE_SEQ, MANAGER_ID, BODY");
        StringBuilder marks = new StringBuilder("?, ?, ?, ?, ?, ?, ?, ?, ?");
        StringBuilder sets = new StringBuilder("DELETED = ?, DELETED_AT = ?, CHANGE_SEQ = ?, MANAGER_ID = ?, BODY = ?");
        for (IndexedProperty p : COLUMNS) {
            cols.append(", ").append(p.column());
            marks.append(", ?");
            sets.append(", ").append(p.column()).append(" = ?");
        }
        INSERT = "INSERT INTO DIRECTORY_OBJECT (" + cols + ") VALUES (" + marks + ")";
        UPDATE = "UPDATE DIRECTORY_OBJECT SET " + sets + " WHERE TENANT_ID = ? AND ID = ?";
    }

    /** Kinds of change-log rows. */
    public static final String UPSERT = "upsert", SOFT_DELETE = "softDelete", PURGE = "purge",
            MEMBER_ADDED = "memberAdded", MEMBER_REMOVED = "memberRemoved";

    private final ObjectMapper json;

    public DirectoryStore(ObjectMapper json) {
        this.json = json;
    }

    /** Inserts a new object; returns it with its change sequence. Fails with a unique violation on a taken UPN. */
    public DirectoryObject insert(Connection c, DirectoryObject o) throws SQLException {
        long seq = appendChange(c, o.tenantId(), o.type(), o.id(), UPSERT, null);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 1;
            ps.setString(i++, o.tenantId());
            ps.setString(i++, o.id());
            ps.setString(i++, o.type());
            ps.setBoolean(i++, o.deleted());
            ps.setObject(i++, odt(o.deletedAt()));
            ps.setObject(i++, odt(o.createdAt()));
            ps.setLong(i++, seq);
            ps.setString(i++, o.managerId());
            ps.setString(i++, write(o.body()));
            bindColumns(ps, i, o.body());
            ps.executeUpdate();
        }
        writeValues(c, o);
        return new DirectoryObject(o.tenantId(), o.id(), o.type(), o.body(), o.createdAt(), o.deletedAt(), o.managerId(), seq);
    }

    /** Replaces a stored object's body and bookkeeping; logs {@code kind} (upsert or softDelete). */
    public DirectoryObject update(Connection c, DirectoryObject o, String kind) throws SQLException {
        long seq = appendChange(c, o.tenantId(), o.type(), o.id(), kind, null);
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int i = 1;
            ps.setBoolean(i++, o.deleted());
            ps.setObject(i++, odt(o.deletedAt()));
            ps.setLong(i++, seq);
            ps.setString(i++, o.managerId());
            ps.setString(i++, write(o.body()));
            i = bindColumns(ps, i, o.body());
            ps.setString(i++, o.tenantId());
            ps.setString(i, o.id());
            if (ps.executeUpdate() != 1) throw new SQLException("object " + o.id() + " vanished during update");
        }
        // most updates leave the multi-valued properties alone: rewriting their rows (and three indexes) was the
        // larger part of a PATCH
        if (!values(o).equals(storedValues(c, o.tenantId(), o.id()))) {
            deleteValues(c, o.tenantId(), o.id());
            writeValues(c, o);
        }
        return new DirectoryObject(o.tenantId(), o.id(), o.type(), o.body(), o.createdAt(), o.deletedAt(), o.managerId(), seq);
    }

    /** One OBJECT_VALUE row of an object. */
    private record ValueRow(String prop, int idx, String sub, String valueLowerCase) {}

    /** The OBJECT_VALUE rows an object's body calls for, in (PROP, IDX, SUB) order. */
    private static List<ValueRow> values(DirectoryObject o) {
        List<ValueRow> rows = new ArrayList<>();
        for (String prop : IndexedProperty.STRING_COLLECTIONS) {
            JsonNode arr = o.body().get(prop);
            if (arr == null || !arr.isArray()) continue;
            int idx = 0;
            for (JsonNode v : arr) rows.add(new ValueRow(prop, idx++, "", lower(v.isNull() ? null : v.asText())));
        }
        JsonNode ids = o.body().get(IndexedProperty.IDENTITIES);
        if (ids != null && ids.isArray()) {
            int idx = 0;
            for (JsonNode identity : ids) {
                for (String sub : IndexedProperty.IDENTITY_FIELDS) {
                    JsonNode v = identity.get(sub);
                    rows.add(new ValueRow(IndexedProperty.IDENTITIES, idx, sub, lower(v == null || v.isNull() ? null : v.asText())));
                }
                idx++;
            }
        }
        rows.sort(VALUE_ORDER);
        return rows;
    }

    private static final java.util.Comparator<ValueRow> VALUE_ORDER = java.util.Comparator.comparing(ValueRow::prop)
            .thenComparingInt(ValueRow::idx).thenComparing(ValueRow::sub);

    private static List<ValueRow> storedValues(Connection c, String tenantId, String id) throws SQLException {
        List<ValueRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT PROP, IDX, SUB, VALUE_LC FROM OBJECT_VALUE WHERE TENANT_ID = ? AND OBJECT_ID = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new ValueRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
        }
        rows.sort(VALUE_ORDER);
        return rows;
    }

    private static String lower(String value) { return value == null ? null : value.toLowerCase(Locale.ROOT); }

    /** Removes an object for good, with its multi-values, memberships and manager references; logs a purge. */
    public void purge(Connection c, DirectoryObject o) throws SQLException {
        appendChange(c, o.tenantId(), o.type(), o.id(), PURGE, null);
        deleteValues(c, o.tenantId(), o.id());
        exec(c, "DELETE FROM MEMBERSHIP WHERE TENANT_ID = ? AND (GROUP_ID = ? OR MEMBER_ID = ?)", o.tenantId(), o.id(), o.id());
        exec(c, "UPDATE DIRECTORY_OBJECT SET MANAGER_ID = NULL WHERE TENANT_ID = ? AND MANAGER_ID = ?", o.tenantId(), o.id());
        exec(c, "DELETE FROM DIRECTORY_OBJECT WHERE TENANT_ID = ? AND ID = ?", o.tenantId(), o.id());
    }

    /** An object of a tenant by id, live or soft-deleted. */
    public Optional<DirectoryObject> find(Connection c, String tenantId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE TENANT_ID = ? AND ID = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, id.toLowerCase(Locale.ROOT));
            return one(ps);
        }
    }

    /** A live object of a tenant by user principal name (case-insensitive). */
    public Optional<DirectoryObject> findByUpn(Connection c, String tenantId, String upn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE TENANT_ID = ? AND UPN_LC = ? AND DELETED = FALSE")) {
            ps.setString(1, tenantId);
            ps.setString(2, upn.toLowerCase(Locale.ROOT));
            return one(ps);
        }
    }

    /** Whether a live object of the tenant other than {@code exceptId} has this value in an indexed string column. */
    public boolean taken(Connection c, String tenantId, IndexedProperty p, String value, String exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM DIRECTORY_OBJECT WHERE TENANT_ID = ? AND "
                + p.column() + " = ? AND ID <> ? LIMIT 1")) {
            ps.setString(1, tenantId);
            ps.setString(2, value.toLowerCase(Locale.ROOT));
            ps.setString(3, exceptId == null ? "" : exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A page of objects.
     *
     * @param where    extra SQL predicate over alias {@code o} (from the filter translator), or null
     * @param orderBy  ORDER BY items without the keyword, or null for id order
     * @param afterId  keyset position for id order (exclusive), or null
     * @param offset   rows to skip when ordering by something else than id
     * @param lookup   a value the matching objects hold, with the rest of {@code where} (which it then replaces), or null
     */
    public record Query(String tenantId, String type, boolean deleted, String where, List<Object> params,
                        String orderBy, String afterId, int offset, int limit, ValueLookup lookup) {
        public Query(String tenantId, String type, boolean deleted, String where, List<Object> params,
                     String orderBy, String afterId, int offset, int limit) {
            this(tenantId, type, deleted, where, params, orderBy, afterId, offset, limit, null);
        }
    }

    public List<DirectoryObject> query(Connection c, Query q) throws SQLException {
        List<Object> params = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(querySql(q, params))) {
            bind(ps, params);
            return all(ps);
        }
    }

    /** The SELECT of {@link #query}; appends its parameters to {@code params}. */
    static String querySql(Query q, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS_OF_O).append(from(q.tenantId(), q.type(), q.deleted(), q.lookup(), params));
        appendWhere(sql, params, q.where(), q.params(), q.lookup());
        if (q.orderBy() == null) {
            if (q.afterId() != null) {
                sql.append(" AND o.ID > ?");
                params.add(q.afterId());
            }
            // id order, spelt as the whole DO_TYPE index (its first three columns are fixed by the WHERE): HSQLDB then
            // reads the page's rows off the index from the keyset position and stops at the LIMIT; "ORDER BY o.ID"
            // alone made it fetch every row after the position and sort them, for each page
            sql.append(" ORDER BY o.TENANT_ID, o.OBJECT_TYPE, o.DELETED, o.ID");
        } else {
            sql.append(" ORDER BY ").append(q.orderBy()).append(", o.ID");
        }
        sql.append(" LIMIT ").append(q.limit());
        if (q.orderBy() != null && q.offset() > 0) sql.append(" OFFSET ").append(q.offset());
        return sql.toString();
    }

    /** The filter, or with a lookup the rest of it (the lookup's own conjunct is what the FROM answers). */
    private static void appendWhere(StringBuilder sql, List<Object> params, String where, List<Object> whereParams,
                                    ValueLookup lookup) {
        if (lookup != null) {
            sql.append(" AND (").append(lookup.rest()).append(')');
            params.addAll(lookup.restParams());
        } else if (where != null) {
            sql.append(" AND (").append(where).append(')');
            params.addAll(whereParams);
        }
    }

    /**
     * {@link #query} for a filter that confines its matches to {@code keys} (see
     * {@link io.tenantsync.emulator.odata.FilterKeys}): in id order each key is one primary-key lookup with the
     * filter applied to that row, so the answer costs the keys, not the tenant. HSQLDB does not use the key for
     * {@code ID IN (…)} next to the tenant and type columns: it walked the tenant's DO_TYPE range instead.
     */
    public List<DirectoryObject> queryByKeys(Connection c, Query q, NavigableSet<String> keys) throws SQLException {
        if (q.orderBy() != null) return query(c, q); // a few rows in another order: the general plan is fine
        List<DirectoryObject> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(keyedSql(q.where()))) {
            for (String key : q.afterId() == null ? keys : keys.tailSet(q.afterId(), false)) {
                if (out.size() == q.limit()) break;
                bind(ps, keyedParams(q.tenantId(), q.type(), q.deleted(), key, q.params()));
                out.addAll(all(ps));
            }
        }
        return out;
    }

    /** {@link #count} for a filter that confines its matches to {@code keys}: one key lookup each. */
    public long countByKeys(Connection c, String tenantId, String type, boolean deleted, String where, List<Object> whereParams,
                            NavigableSet<String> keys) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(keyedSql(where))) {
            for (String key : keys) {
                bind(ps, keyedParams(tenantId, type, deleted, key, whereParams));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) n++;
                }
            }
        }
        return n;
    }

    private static String keyedSql(String where) {
        return SELECT + " WHERE o.TENANT_ID = ? AND o.ID = ? AND o.OBJECT_TYPE = ? AND o.DELETED = ?"
                + (where == null ? "" : " AND (" + where + ")");
    }

    private static List<Object> keyedParams(String tenantId, String type, boolean deleted, String key, List<Object> whereParams) {
        List<Object> params = new ArrayList<>(List.of(tenantId, key, type, deleted));
        params.addAll(whereParams);
        return params;
    }

    /** The FROM and the WHERE up to the filter, for objects of a tenant and type; appends their parameters. */
    private static String from(String tenantId, String type, boolean deleted, ValueLookup lookup, List<Object> params) {
        if (lookup == null) {
            params.addAll(List.of(tenantId, type, deleted));
            return " FROM DIRECTORY_OBJECT o WHERE o.TENANT_ID = ? AND o.OBJECT_TYPE = ? AND o.DELETED = ?";
        }
        params.addAll(List.of(tenantId, lookup.property(), lookup.valueLowerCase(), type, deleted));
        return FROM_LOOKUP;
    }

    /** How many objects match (for {@code $count}). */
    public long count(Connection c, String tenantId, String type, boolean deleted, String where, List<Object> whereParams) throws SQLException {
        return count(c, tenantId, type, deleted, where, whereParams, null);
    }

    /** How many objects match (for {@code $count}), starting from the objects holding {@code lookup}'s value when given. */
    public long count(Connection c, String tenantId, String type, boolean deleted, String where, List<Object> whereParams,
                      ValueLookup lookup) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)").append(from(tenantId, type, deleted, lookup, params));
        appendWhere(sql, params, where, whereParams, lookup);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Objects whose ids are given (any order; missing ids are absent). */
    public List<DirectoryObject> findAll(Connection c, String tenantId, List<String> ids) throws SQLException {
        List<DirectoryObject> out = new ArrayList<>();
        for (String id : ids) find(c, tenantId, id).ifPresent(out::add);
        return out;
    }

    /** Appends one change-log row and returns its sequence number. */
    public long appendChange(Connection c, String tenantId, String type, String objectId, String kind, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO CHANGE_LOG (TENANT_ID, OBJECT_TYPE, OBJECT_ID, KIND, MEMBER_ID) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, tenantId);
            ps.setString(2, type);
            ps.setString(3, objectId);
            ps.setString(4, kind);
            ps.setString(5, memberId);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The newest change-log sequence number of a tenant (0 when none). */
    public long latestChange(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(SEQ), 0) FROM CHANGE_LOG")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int bindColumns(PreparedStatement ps, int i, ObjectNode body) throws SQLException {
        for (IndexedProperty p : COLUMNS) {
            Object v = p.valueOf(body);
            if (v == null) ps.setNull(i++, p.kind() == IndexedProperty.Kind.BOOLEAN ? java.sql.Types.BOOLEAN : java.sql.Types.VARCHAR);
            else ps.setObject(i++, v);
        }
        return i;
    }

    private void writeValues(Connection c, DirectoryObject o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO OBJECT_VALUE (TENANT_ID, OBJECT_ID, PROP, IDX, SUB, VALUE_LC) VALUES (?, ?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (String prop : IndexedProperty.STRING_COLLECTIONS) {
                JsonNode arr = o.body().get(prop);
                if (arr == null || !arr.isArray()) continue;
                int idx = 0;
                for (JsonNode v : arr) {
                    addValue(ps, o, prop, idx++, "", v.isNull() ? null : v.asText());
                    rows++;
                }
            }
            JsonNode ids = o.body().get(IndexedProperty.IDENTITIES);
            if (ids != null && ids.isArray()) {
                int idx = 0;
                for (JsonNode identity : ids) {
                    for (String sub : IndexedProperty.IDENTITY_FIELDS) {
                        JsonNode v = identity.get(sub);
                        addValue(ps, o, IndexedProperty.IDENTITIES, idx, sub, v == null || v.isNull() ? null : v.asText());
                        rows++;
                    }
                    idx++;
                }
            }
            if (rows > 0) ps.executeBatch();
        }
    }

    private static void addValue(PreparedStatement ps, DirectoryObject o, String prop, int idx, String sub, String value) throws SQLException {
        ps.setString(1, o.tenantId());
        ps.setString(2, o.id());
        ps.setString(3, prop);
        ps.setInt(4, idx);
        ps.setString(5, sub);
        ps.setString(6, value == null ? null : value.toLowerCase(Locale.ROOT));
        ps.addBatch();
    }

    private static void deleteValues(Connection c, String tenantId, String id) throws SQLException {
        exec(c, "DELETE FROM OBJECT_VALUE WHERE TENANT_ID = ? AND OBJECT_ID = ?", tenantId, id);
    }

    /** Runs one parameterised statement; returns the update count. */
    public static int exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, List.of(params));
            return ps.executeUpdate();
        }
    }

    /** Binds parameters in order, mapping Instants to timestamps with zone. */
    public static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Instant t) ps.setObject(i++, odt(t));
            else ps.setObject(i++, p);
        }
    }

    private Optional<DirectoryObject> one(PreparedStatement ps) throws SQLException {
        List<DirectoryObject> all = all(ps);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<DirectoryObject> all(PreparedStatement ps) throws SQLException {
        List<DirectoryObject> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DirectoryObject(rs.getString(1), rs.getString(2), rs.getString(3), read(rs.getString(4)),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                        rs.getString(7), rs.getLong(8)));
            }
        }
        return out;
    }

    private ObjectNode read(String body) {
        try {
            return (ObjectNode) json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt stored object", e);
        }
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime odt(Instant i) { return i == null ? null : i.atOffset(ZoneOffset.UTC); }

    static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
