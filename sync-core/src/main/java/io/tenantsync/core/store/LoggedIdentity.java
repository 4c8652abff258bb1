package io.tenantsync.core.store;

/**
 * The source or target object of a log entry (Graph's {@code provisionedIdentity}).
 *
 * @param id          its object id; null for a target object that does not exist (yet)
 * @param displayName its display name, null when unknown
 */
public record LoggedIdentity(String id, String displayName) {

    private static final LoggedIdentity NONE = new LoggedIdentity(null, null);

    public static LoggedIdentity none() {
        return NONE;
    }
}
