package io.tenantsync.core.store;

/** The action column of a provisioning log entry (our names; {@link #graphValue()} gives Graph's enum). */
public enum ProvisioningAction {
    CREATE("create", "create"),
    UPDATE("update", "update"),
    DISABLE("disable", "disable"),
    /** A deletion held back by the accidental-deletions threshold. */
    STAGED_DELETE("stagedDelete", "stagedDelete"),
    DELETE("delete", "delete"),
    /** Graph's {@code provisioningAction} has no restore; it reports it as {@code other}. */
    RESTORE("restore", "other"),
    /** Nothing written (Entra's UI shows "Other", e.g. when source and target already match). */
    SKIP("skip", "other");

    private final String logName;
    private final String graphValue;

    ProvisioningAction(String logName, String graphValue) {
        this.logName = logName;
        this.graphValue = graphValue;
    }

    /** The name this project's logs and CLI use. */
    public String logName() {
        return logName;
    }

    /** The value of Graph's {@code provisioningObjectSummary.provisioningAction}. */
    public String graphValue() {
        return graphValue;
    }

    /** Whether the action removes or disables a target object: what the accidental-deletions threshold counts. */
    public boolean deprovisions() {
        return this == DISABLE || this == DELETE || this == STAGED_DELETE;
    }

    public static ProvisioningAction fromLogName(String name) {
        for (ProvisioningAction action : values()) {
            if (action.logName.equalsIgnoreCase(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("no provisioning action named " + name);
    }
}
