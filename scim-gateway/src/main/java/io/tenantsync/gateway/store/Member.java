package io.tenantsync.gateway.store;

/** One direct member of a group: the id of a user or group of the same connection. */
public record Member(String value, ResourceType type, String display) {}
