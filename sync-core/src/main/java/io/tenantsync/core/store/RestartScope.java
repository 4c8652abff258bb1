package io.tenantsync.core.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a restart clears: Graph's {@code synchronizationJobRestartScope} (entra-semantics §3.5). Entra's portal
 * "Restart provisioning" is {@link #PORTAL_RESTART}; links survive it, only {@link #FULL} and
 * {@link #CONNECTOR_DATA_STORE} break them.
 */
public enum RestartScope {
    /** Forget the cached source↔target pairs (Entra's connector data store), forcing re-matching. */
    CONNECTOR_DATA_STORE("ConnectorDataStore"),
    /** Stop retrying failures: drop every escrow. */
    ESCROWS("Escrows"),
    /** Re-evaluate everything: drop watermarks, next cycle initial. */
    WATERMARK("Watermark"),
    /** Lift the quarantine. */
    QUARANTINE_STATE("QuarantineState"),
    /** All of the above, links included. */
    FULL("Full"),
    /** Process the deletions held by the accidental-deletions threshold. */
    FORCE_DELETES("ForceDeletes");

    /** The portal's restart (an empty {@code resetScope}): quarantine, watermarks, escrows; links are kept. */
    public static final Set<RestartScope> PORTAL_RESTART = Set.copyOf(EnumSet.of(QUARANTINE_STATE, WATERMARK, ESCROWS));

    private final String graphValue;

    RestartScope(String graphValue) {
        this.graphValue = graphValue;
    }

    public String graphValue() {
        return graphValue;
    }

    /**
     * Parses Graph's comma-separated {@code resetScope} ({@code "Watermark, Escrows, QuarantineState"}); empty or
     * null means {@link #PORTAL_RESTART}, {@code None} alone means nothing.
     */
    public static Set<RestartScope> parse(String resetScope) {
        if (resetScope == null || resetScope.isBlank()) {
            return PORTAL_RESTART;
        }
        EnumSet<RestartScope> scopes = EnumSet.noneOf(RestartScope.class);
        for (String part : resetScope.split(",")) {
            String name = part.strip();
            if (name.isEmpty() || name.equalsIgnoreCase("None")) {
                continue;
            }
            scopes.add(fromGraphValue(name));
        }
        return Set.copyOf(scopes);
    }

    private static RestartScope fromGraphValue(String name) {
        for (RestartScope scope : values()) {
            if (scope.graphValue.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown restart scope " + name);
    }

    /** Whether the set clears this scope, directly or through {@link #FULL}. */
    boolean clearedBy(Set<RestartScope> scopes) {
        return scopes.contains(this) || this != FORCE_DELETES && scopes.contains(FULL);
    }
}
