package io.tenantsync.gateway.store;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComparisonFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a SCIM filter into SQL over the indexed columns of one connection's resources. Attributes without a
 * column translate to {@link SqlPredicate#UNINDEXED}; the caller evaluates the filter on the candidates the rest of
 * the predicate selects. Values are always bound as parameters.
 */
final class FilterTranslator implements FilterVisitor<SqlPredicate, FilterTranslator.Scope> {
    /** Where a comparison's attribute names resolve: the resource, or one element of a multi-valued attribute. */
    enum Scope { RESOURCE, EMAILS, MEMBERS }

    private enum Kind { TEXT_CASE_IGNORED, TEXT_CASE_EXACT, BOOLEAN, DATE_TIME }

    private record Column(String sql, Kind kind, Scope within) {}

    private static final Map<String, Column> RESOURCE_COLUMNS = Map.of(
            "id", new Column("r.ID", Kind.TEXT_CASE_EXACT, Scope.RESOURCE),
            "externalid", new Column("r.EXTERNAL_ID", Kind.TEXT_CASE_EXACT, Scope.RESOURCE),
            "username", new Column("r.USER_NAME_LC", Kind.TEXT_CASE_IGNORED, Scope.RESOURCE),
            "displayname", new Column("r.DISPLAY_NAME_LC", Kind.TEXT_CASE_IGNORED, Scope.RESOURCE),
            "active", new Column("r.ACTIVE", Kind.BOOLEAN, Scope.RESOURCE),
            "meta.created", new Column("r.CREATED_MS", Kind.DATE_TIME, Scope.RESOURCE),
            "meta.lastmodified", new Column("r.LAST_MODIFIED_MS", Kind.DATE_TIME, Scope.RESOURCE),
            "emails", new Column("v.VALUE_LC", Kind.TEXT_CASE_IGNORED, Scope.EMAILS),
            "emails.value", new Column("v.VALUE_LC", Kind.TEXT_CASE_IGNORED, Scope.EMAILS),
            "emails.type", new Column("v.TYPE_LC", Kind.TEXT_CASE_IGNORED, Scope.EMAILS));
    private static final Map<String, Column> MORE_RESOURCE_COLUMNS = Map.of(
            "emails.primary", new Column("v.IS_PRIMARY", Kind.BOOLEAN, Scope.EMAILS),
            "members", new Column("m.MEMBER_ID", Kind.TEXT_CASE_EXACT, Scope.MEMBERS),
            "members.value", new Column("m.MEMBER_ID", Kind.TEXT_CASE_EXACT, Scope.MEMBERS));
    private static final Map<String, Column> EMAIL_COLUMNS = Map.of(
            "value", new Column("v.VALUE_LC", Kind.TEXT_CASE_IGNORED, Scope.EMAILS),
            "type", new Column("v.TYPE_LC", Kind.TEXT_CASE_IGNORED, Scope.EMAILS),
            "primary", new Column("v.IS_PRIMARY", Kind.BOOLEAN, Scope.EMAILS));
    private static final Map<String, Column> MEMBER_COLUMNS = Map.of(
            "value", new Column("m.MEMBER_ID", Kind.TEXT_CASE_EXACT, Scope.MEMBERS));

    private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:2.0:";

    private final String connectionId;

    private FilterTranslator(String connectionId) {
        this.connectionId = connectionId;
    }

    /** The SQL predicate of {@code filter} over the resources of {@code connectionId}. */
    static SqlPredicate translate(String connectionId, Filter filter) throws ScimException {
        return filter.visit(new FilterTranslator(connectionId), Scope.RESOURCE);
    }

    /** The column {@code sortBy} names at the resource level, if it has one. */
    static java.util.Optional<String> sortColumn(Path sortBy) {
        Column c = column(sortBy, Scope.RESOURCE);
        return c != null && c.within == Scope.RESOURCE ? java.util.Optional.of(c.sql) : java.util.Optional.empty();
    }

    private static Column column(Path path, Scope scope) {
        String urn = path.getSchemaUrn();
        if (urn != null && !urn.regionMatches(true, 0, CORE_PREFIX, 0, CORE_PREFIX.length())) return null;
        StringBuilder name = new StringBuilder();
        for (Path.Element e : path) {
            if (e.getValueFilter() != null) return null;
            if (!name.isEmpty()) name.append('.');
            name.append(e.getAttribute().toLowerCase(Locale.ROOT));
        }
        String key = name.toString();
        return switch (scope) {
            case RESOURCE -> RESOURCE_COLUMNS.getOrDefault(key, MORE_RESOURCE_COLUMNS.get(key));
            case EMAILS -> EMAIL_COLUMNS.get(key);
            case MEMBERS -> MEMBER_COLUMNS.get(key);
        };
    }

    private enum Op { EQ, NE, CO, SW, EW, GT, GE, LT, LE }

    private SqlPredicate compare(ComparisonFilter f, Op op, Scope scope) throws BadRequestException {
        Column c = column(f.getAttributePath(), scope);
        if (c == null) return SqlPredicate.UNINDEXED;
        if (scope == Scope.RESOURCE && c.within != Scope.RESOURCE) {
            // "ne" over a multi-valued attribute means "some value differs"; left to the evaluator
            if (op == Op.NE) return SqlPredicate.UNINDEXED;
            return within(c.within, compareColumn(f, c, op));
        }
        return compareColumn(f, c, op);
    }

    private SqlPredicate compareColumn(ComparisonFilter f, Column c, Op op) throws BadRequestException {
        Object value = bind(f, c, op);
        String col = c.sql;
        return switch (op) {
            case EQ -> new SqlPredicate(col + " = ?", List.of(value), true, c.kind != Kind.BOOLEAN);
            case NE -> new SqlPredicate("(" + col + " IS NULL OR " + col + " <> ?)", List.of(value), true, false);
            case CO -> like(col, "%" + escape((String) value) + "%", false);
            case SW -> like(col, escape((String) value) + "%", true);
            case EW -> like(col, "%" + escape((String) value), false);
            case GT -> new SqlPredicate(col + " > ?", List.of(value), true, true);
            case GE -> new SqlPredicate(col + " >= ?", List.of(value), true, true);
            case LT -> new SqlPredicate(col + " < ?", List.of(value), true, true);
            case LE -> new SqlPredicate(col + " <= ?", List.of(value), true, true);
        };
    }

    private static SqlPredicate like(String col, String pattern, boolean selective) {
        return new SqlPredicate(col + " LIKE ? ESCAPE '\\'", List.of(pattern), true, selective);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Object bind(ComparisonFilter f, Column c, Op op) throws BadRequestException {
        ValueNode v = f.getComparisonValue();
        String attribute = f.getAttributePath().toString();
        if (v == null || v.isNull()) throw BadRequestException.invalidFilter("compare " + attribute + " with a value, or use 'pr'");
        switch (c.kind) {
            case TEXT_CASE_IGNORED, TEXT_CASE_EXACT -> {
                if (!v.isTextual()) throw BadRequestException.invalidFilter(attribute + " is a string; quote the comparison value");
                return c.kind == Kind.TEXT_CASE_IGNORED ? v.textValue().toLowerCase(Locale.ROOT) : v.textValue();
            }
            case BOOLEAN -> {
                if (op != Op.EQ && op != Op.NE) throw BadRequestException.invalidFilter(attribute + " is a boolean: only eq, ne and pr apply");
                if (v.isBoolean()) return v.booleanValue();
                if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(v.textValue().toLowerCase(Locale.ROOT));
                }
                throw BadRequestException.invalidFilter(attribute + " is a boolean; compare it with true or false");
            }
            case DATE_TIME -> {
                if (op == Op.CO || op == Op.SW || op == Op.EW) throw BadRequestException.invalidFilter(attribute + " is a dateTime: co, sw and ew do not apply");
                if (!v.isTextual()) throw BadRequestException.invalidFilter(attribute + " is a dateTime; compare it with a quoted xsd:dateTime");
                try {
                    return OffsetDateTime.parse(v.textValue()).toInstant().toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw BadRequestException.invalidFilter(attribute + " is a dateTime; '" + v.textValue() + "' is not an xsd:dateTime");
                }
            }
            default -> throw new IllegalStateException(c.kind.toString());
        }
    }

    private SqlPredicate within(Scope scope, SqlPredicate element) {
        List<Object> params = new ArrayList<>(element.params().size() + 1);
        params.add(connectionId);
        params.addAll(element.params());
        String sql = switch (scope) {
            case EMAILS -> "r.ID IN (SELECT v.RESOURCE_ID FROM RESOURCE_VALUE v WHERE v.CONNECTION_ID = ? AND v.ATTRIBUTE = 'emails' AND "
                    + element.sql() + ")";
            case MEMBERS -> "r.ID IN (SELECT m.GROUP_ID FROM GROUP_MEMBER m WHERE m.CONNECTION_ID = ? AND " + element.sql() + ")";
            case RESOURCE -> throw new IllegalStateException("not an element scope");
        };
        return new SqlPredicate(sql, List.copyOf(params), element.exact(), element.selective());
    }

    @Override public SqlPredicate visit(EqualFilter f, Scope s) throws ScimException { return compare(f, Op.EQ, s); }
    @Override public SqlPredicate visit(NotEqualFilter f, Scope s) throws ScimException { return compare(f, Op.NE, s); }
    @Override public SqlPredicate visit(ContainsFilter f, Scope s) throws ScimException { return compare(f, Op.CO, s); }
    @Override public SqlPredicate visit(StartsWithFilter f, Scope s) throws ScimException { return compare(f, Op.SW, s); }
    @Override public SqlPredicate visit(EndsWithFilter f, Scope s) throws ScimException { return compare(f, Op.EW, s); }
    @Override public SqlPredicate visit(GreaterThanFilter f, Scope s) throws ScimException { return compare(f, Op.GT, s); }
    @Override public SqlPredicate visit(GreaterThanOrEqualFilter f, Scope s) throws ScimException { return compare(f, Op.GE, s); }
    @Override public SqlPredicate visit(LessThanFilter f, Scope s) throws ScimException { return compare(f, Op.LT, s); }
    @Override public SqlPredicate visit(LessThanOrEqualFilter f, Scope s) throws ScimException { return compare(f, Op.LE, s); }

    @Override
    public SqlPredicate visit(PresentFilter f, Scope scope) {
        Column c = column(f.getAttributePath(), scope);
        if (c == null) return SqlPredicate.UNINDEXED;
        SqlPredicate present = new SqlPredicate(c.sql + " IS NOT NULL", List.of(), true, false);
        return scope == Scope.RESOURCE && c.within != Scope.RESOURCE ? within(c.within, present) : present;
    }

    @Override
    public SqlPredicate visit(AndFilter f, Scope scope) throws ScimException {
        SqlPredicate result = null;
        for (Filter part : f.getCombinedFilters()) {
            SqlPredicate p = part.visit(this, scope);
            result = result == null ? p : result.and(p);
        }
        return result;
    }

    @Override
    public SqlPredicate visit(OrFilter f, Scope scope) throws ScimException {
        SqlPredicate result = null;
        for (Filter part : f.getCombinedFilters()) {
            SqlPredicate p = part.visit(this, scope);
            result = result == null ? p : result.or(p);
        }
        return result;
    }

    @Override
    public SqlPredicate visit(NotFilter f, Scope scope) throws ScimException {
        return f.getInvertedFilter().visit(this, scope).not();
    }

    @Override
    public SqlPredicate visit(ComplexValueFilter f, Scope scope) throws ScimException {
        if (scope != Scope.RESOURCE) throw BadRequestException.invalidFilter("value filters cannot be nested");
        Path path = f.getAttributePath();
        String urn = path.getSchemaUrn();
        if (path.size() != 1 || urn != null && !urn.regionMatches(true, 0, CORE_PREFIX, 0, CORE_PREFIX.length())) return SqlPredicate.UNINDEXED;
        String name = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
        Scope element = switch (name) {
            case "emails" -> Scope.EMAILS;
            case "members" -> Scope.MEMBERS;
            default -> null;
        };
        if (element == null) return SqlPredicate.UNINDEXED;
        SqlPredicate inner = f.getValueFilter().visit(this, element);
        if (!inner.exact() && !inner.selective()) return SqlPredicate.UNINDEXED;
        return within(element, inner);
    }
}
