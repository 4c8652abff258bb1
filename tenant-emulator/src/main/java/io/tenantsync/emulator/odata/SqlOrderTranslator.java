package io.tenantsync.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Translates a {@code $orderby} into the sort keys of an {@code ORDER BY} over the store's columns. */
public final class SqlOrderTranslator {
    private SqlOrderTranslator() {}

    /**
     * The sort keys without the {@code ORDER BY} keyword, e.g. {@code o.DISPLAY_NAME_LC DESC, o.UPN_LC ASC}, or ""
     * when there are none; the caller writes {@code ORDER BY} and appends {@code o.ID} as the final tiebreak. Only
     * column-backed properties sort; others throw {@link UnsupportedQueryException}.
     */
    public static String translate(ODataOrderBy orderBy, FilterSchema schema) {
        Objects.requireNonNull(orderBy, "orderBy");
        Objects.requireNonNull(schema, "schema");
        if (orderBy.items().isEmpty()) return "";
        List<String> keys = new ArrayList<>();
        for (ODataOrderBy.Item item : orderBy.items()) {
            String property = String.join("/", item.path());
            StoredProperty stored = schema.resolve(item.path())
                    .orElseThrow(() -> UnsupportedQueryException.unknownProperty(property, schema.entityName()));
            if (!(stored instanceof StoredProperty.Column column)) {
                throw new UnsupportedQueryException(UnsupportedQueryException.UNSUPPORTED_QUERY, "Sorting by property '"
                        + property + "' of resource '" + UnsupportedQueryException.resourceName(schema.entityName())
                        + "' is not supported.");
            }
            keys.add(item.descending() ? column.sql() + " DESC" : column.sql() + " ASC");
        }
        return String.join(", ", keys);
    }
}
