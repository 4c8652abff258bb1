package io.tenantsync.core.mapping;

/** A matching attribute's mapped value for one object: try it at {@code precedence} (lowest first). */
public record MatchingValue(String targetAttribute, int precedence, Object value) {
}
