package io.tenantsync.gateway.connection;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the target tenant does when the source removes or deactivates a resource.
 *
 * @param onDelete     a SCIM DELETE
 * @param onDeactivate a write that sets {@code active=false}
 */
public record Deprovisioning(DeleteAction onDelete, DeactivateAction onDeactivate) {
    /** Entra's defaults: DELETE soft-deletes (restorable for 30 days), deactivation disables sign-in. */
    public static final Deprovisioning DEFAULTS = new Deprovisioning(DeleteAction.SOFT_DELETE, DeactivateAction.DISABLE);

    public Deprovisioning {
        onDelete = onDelete == null ? DeleteAction.SOFT_DELETE : onDelete;
        onDeactivate = onDeactivate == null ? DeactivateAction.DISABLE : onDeactivate;
    }

    /** Target action for a SCIM DELETE. */
    public enum DeleteAction {
        @JsonProperty("softDelete") SOFT_DELETE,
        @JsonProperty("disable") DISABLE
    }

    /** Target action for {@code active=false}. */
    public enum DeactivateAction {
        @JsonProperty("disable") DISABLE
    }
}
