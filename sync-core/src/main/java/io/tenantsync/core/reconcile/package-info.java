/**
 * Reconcile: the pure decision of what to do to one target user, given the source user, the link between them, the
 * target user as it is, what the mappings want and whether the cross-tenant trust allows it.
 *
 * <p>{@link io.tenantsync.core.reconcile.Reconciler#decide} is level-based: it compares states, not events, so applying
 * its action and deciding again yields {@link io.tenantsync.core.reconcile.Action.Skip} (a restore is followed by one
 * update). It does no I/O; an executor performs the {@link io.tenantsync.core.reconcile.Action} and records the
 * {@link io.tenantsync.core.reconcile.Decision}'s reason in the provisioning log.
 */
package io.tenantsync.core.reconcile;
