/**
 * Job: the guards a sync job applies around its cycles, as pure functions of their inputs and an explicit time —
 * the accidental-deletions {@link io.tenantsync.core.job.DeletionThreshold}, the
 * {@link io.tenantsync.core.job.QuarantineStateMachine} with Entra's thresholds and back-off, the
 * {@link io.tenantsync.core.job.EscrowPolicy} for retries — and {@link io.tenantsync.core.job.ObjectOutcome}, which
 * turns a reconcile decision and the fate of its write into a provisioning log entry.
 *
 * <p>{@link io.tenantsync.core.job.SyncJob} runs one connection's cycles with them: it reads the source, scopes and
 * provisions each affected user with the provisioner, and keeps the store. Scheduling cycles (every 40 minutes,
 * continuous mode) is the caller's; groups are not synchronised by the job yet.
 */
package io.tenantsync.core.job;
