package io.tenantsync.core.provision;

import io.tenantsync.core.reconcile.Decision;
import io.tenantsync.core.reconcile.Link;
import io.tenantsync.core.target.TargetDirectoryException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What provisioning one user did.
 *
 * @param decisions   the decisions taken, in order (a restore is followed by the update it makes possible); the
 *                    last one is where the user stands
 * @param link        the link to keep for the user afterwards (unchanged when a write failed)
 * @param status      success (something written), skipped (nothing needed or allowed), or failure
 * @param failure     for a failure: the target's classified error, when the target failed (empty when the mapping
 *                    did)
 * @param error       for a failure: what went wrong, without secrets
 */
public record ProvisioningOutcome(String sourceId, List<Decision> decisions, Link link, Status status,
                                  Optional<TargetDirectoryException> failure, String error) {

    public enum Status { SUCCESS, SKIPPED, FAILURE }

    public ProvisioningOutcome {
        Objects.requireNonNull(sourceId, "sourceId");
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
    }

    /** The target object the user is linked to afterwards, if any. */
    public Optional<String> targetObjectId() {
        return link instanceof Link.Linked linked ? Optional.of(linked.targetObjectId()) : Optional.empty();
    }

    /** The last decision, or empty when the mapping failed before any was taken. */
    public Optional<Decision> lastDecision() {
        return decisions.isEmpty() ? Optional.empty() : Optional.of(decisions.get(decisions.size() - 1));
    }
}
