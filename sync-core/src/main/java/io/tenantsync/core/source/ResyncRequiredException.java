package io.tenantsync.core.source;

import io.tenantsync.core.target.TargetDirectoryException;

/**
 * The source directory no longer honours a round's token: a delta link expired (Graph keeps directory delta state
 * about 7 days) or is not one it issued, or a page token expired mid-round. The round cannot go on; the caller
 * starts an initial round (Entra's "restart with clear state" after {@code Directory_ExpiredPageToken}).
 */
public final class ResyncRequiredException extends RuntimeException {

    public ResyncRequiredException(String message, TargetDirectoryException cause) {
        super(message, cause);
    }

    /** The refusal as Graph stated it. */
    public TargetDirectoryException refusal() {
        return (TargetDirectoryException) getCause();
    }
}
