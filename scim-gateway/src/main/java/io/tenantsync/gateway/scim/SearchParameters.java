package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import io.tenantsync.gateway.store.ResourceQuery;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.SortOrder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The query of a list or {@code .search} request (RFC 7644 §3.4.2–3.4.3), as sent: {@code filter}, {@code sortBy},
 * {@code sortOrder}, {@code startIndex}, {@code count}, {@code attributes}, {@code excludedAttributes}.
 */
public record SearchParameters(String filter, String sortBy, String sortOrder, String startIndex, String count,
                               AttributeSelection selection) {

    /** From a {@code .search} body; the attribute lists are arrays there. */
    public static SearchParameters fromBody(JsonNode body) throws BadRequestException {
        if (!body.isObject()) throw BadRequestException.invalidSyntax("a search body must be a SearchRequest JSON object");
        String filter = null, sortBy = null, sortOrder = null, startIndex = null, count = null;
        List<String> attributes = new ArrayList<>(), excluded = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v == null || v.isNull()) continue;
            switch (f.getKey().toLowerCase(Locale.ROOT)) {
                case "filter" -> filter = text(v, "filter");
                case "sortby" -> sortBy = text(v, "sortBy");
                case "sortorder" -> sortOrder = text(v, "sortOrder");
                case "startindex" -> startIndex = v.asText();
                case "count" -> count = v.asText();
                case "attributes" -> attributes.addAll(list(v, "attributes"));
                case "excludedattributes" -> excluded.addAll(list(v, "excludedAttributes"));
                default -> { /* schemas and anything unknown */ }
            }
        }
        return new SearchParameters(filter, sortBy, sortOrder, startIndex, count, AttributeSelection.of(attributes, excluded));
    }

    private static String text(JsonNode v, String name) throws BadRequestException {
        if (!v.isTextual()) throw BadRequestException.invalidValue(name + " must be a string");
        return v.textValue();
    }

    private static List<String> list(JsonNode v, String name) throws BadRequestException {
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.textValue());
            return out;
        }
        if (!v.isArray()) throw BadRequestException.invalidValue(name + " must be an array of attribute paths");
        for (JsonNode e : v) out.add(text(e, name));
        return out;
    }

    /** The store query, with the page size capped at {@code maxResults}. */
    public ResourceQuery toQuery(String connectionId, Optional<ResourceType> type, int maxResults) throws BadRequestException {
        Optional<Filter> parsed = Optional.empty();
        if (filter != null && !filter.isBlank()) {
            parsed = Optional.of(parseFilter(filter));
        }
        Optional<Path> sort = Optional.empty();
        if (sortBy != null && !sortBy.isBlank()) {
            try {
                sort = Optional.of(Path.fromString(sortBy));
            } catch (BadRequestException e) {
                throw BadRequestException.invalidValue("sortBy is not an attribute path: " + sortBy);
            }
        }
        SortOrder order = SortOrder.ASCENDING;
        if (sortOrder != null && !sortOrder.isBlank()) {
            order = switch (sortOrder.toLowerCase(Locale.ROOT)) {
                case "ascending" -> SortOrder.ASCENDING;
                case "descending" -> SortOrder.DESCENDING;
                default -> throw BadRequestException.invalidValue("sortOrder must be ascending or descending");
            };
        }
        // RFC 7644 §3.4.2.4: startIndex below 1 means 1, a negative count means 0
        int start = Math.max(1, integer(startIndex, "startIndex", 1));
        int size = Math.min(maxResults, Math.max(0, integer(count, "count", maxResults)));
        return new ResourceQuery(connectionId, type, parsed, sort, order, start, size);
    }

    /** Comparisons with a bare word, as in Microsoft's {@code externalId eq jyoung}, to quote when strict parsing fails. */
    private static final java.util.regex.Pattern BARE_VALUE = java.util.regex.Pattern.compile(
            "(?i)(\\s(?:eq|ne|co|sw|ew|gt|ge|lt|le)\\s+)(?!(?:true|false|null)(?:[\\s)\\]]|$))([^\\s\"()\\[\\]0-9-][^\\s\"()\\[\\]]*)");

    private static Filter parseFilter(String filter) throws BadRequestException {
        try {
            return Filter.fromString(filter);
        } catch (BadRequestException strict) {
            // Entra's documentation shows unquoted values; a 400 there would be safe, a silent 0 would duplicate users
            String quoted = BARE_VALUE.matcher(filter).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                    m.group(1) + "\"" + m.group(2).replace("\\", "\\\\") + "\""));
            String rewritten = ValuePathComparisons.rewrite(quoted);
            if (!rewritten.equals(filter)) {
                try {
                    return Filter.fromString(rewritten);
                } catch (BadRequestException ignored) {
                    // report the original problem
                }
            }
            throw BadRequestException.invalidFilter("the filter is invalid: " + strict.getMessage());
        }
    }

    private static int integer(String value, String name, int absent) throws BadRequestException {
        if (value == null || value.isBlank()) return absent;
        try {
            long v = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE - 1, v));
        } catch (NumberFormatException e) {
            throw BadRequestException.invalidValue(name + " must be an integer");
        }
    }
}
