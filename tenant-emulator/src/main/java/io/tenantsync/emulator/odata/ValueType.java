package io.tenantsync.emulator.odata;

/** The SQL type of a filterable column, which decides which literals may be compared with it. */
public enum ValueType { STRING, BOOLEAN, DATETIME, INTEGER }
