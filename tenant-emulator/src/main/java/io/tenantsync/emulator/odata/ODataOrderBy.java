package io.tenantsync.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A parsed {@code $orderby}: sort keys in priority order. */
public record ODataOrderBy(List<Item> items) {
    public static final int MAX_LENGTH = 4096;

    public ODataOrderBy {
        items = List.copyOf(items);
    }

    /** One sort key: a property path and its direction. */
    public record Item(List<String> path, boolean descending) {
        public Item {
            path = List.copyOf(path);
            if (path.isEmpty()) throw new IllegalArgumentException("a sort key names a property");
        }
    }

    /** Parses e.g. {@code displayName desc, userPrincipalName asc}; throws {@link ODataSyntaxException}. */
    public static ODataOrderBy parse(String orderBy) {
        Objects.requireNonNull(orderBy, "orderBy");
        QueryCursor in = new QueryCursor("$orderby", orderBy, MAX_LENGTH);
        List<Item> items = new ArrayList<>();
        while (true) {
            in.skipWhitespace();
            List<String> path = new ArrayList<>();
            do {
                String segment = in.readIdentifier();
                if (segment.isEmpty()) throw in.error("a property name");
                path.add(segment);
            } while (consumeSlash(in));
            boolean descending = false;
            if (in.atWhitespace()) {
                in.skipWhitespace();
                int at = in.position();
                String direction = in.readIdentifier();
                if (direction.equalsIgnoreCase("desc")) {
                    descending = true;
                } else if (!direction.isEmpty() && !direction.equalsIgnoreCase("asc")) {
                    throw in.wordError(at, direction, "'asc', 'desc', ',' or the end of $orderby");
                }
            }
            items.add(new Item(path, descending));
            in.skipWhitespace();
            if (in.atEnd()) return new ODataOrderBy(items);
            in.expect(',', "'asc', 'desc', ',' or the end of $orderby");
        }
    }

    private static boolean consumeSlash(QueryCursor in) {
        if (in.atEnd() || in.peek() != '/') return false;
        in.advance();
        return true;
    }
}
