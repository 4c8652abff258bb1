/**
 * Job: the guards a sync job applies around its cycles, as pure functions of their inputs and an explicit time —
 * the accidental-deletions {@link io.tenantsync.core.job.DeletionThreshold}, the
 * {@link io.tenantsync.core.job.QuarantineStateMachine} with Entra's thresholds and back-off, the
 * {@link io.tenantsync.core.job.EscrowPolicy} for retries — and {@link io.tenantsync.core.job.ObjectOutcome}, which
 * turns a reconcile decision and the fate of its write into a provisioning log entry.
 *
 * <p>The cycle runner (reading the source, scheduling, applying decisions to the target) is not here yet.
 */
package io.tenantsync.core.job;
