package io.tenantsync.core.mapping;

/** A mapping that couldn't produce a value it must have, e.g. SelectUniqueValue finding every candidate taken. */
public record MappingProblem(String targetAttribute, String reason) {
}
