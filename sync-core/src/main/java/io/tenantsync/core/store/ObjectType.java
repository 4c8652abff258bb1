package io.tenantsync.core.store;

/** The kind of directory object a row is about. */
public enum ObjectType {
    USER,
    GROUP
}
