package io.tenantsync.core.job;

/**
 * Told how far a running cycle got: once its affected users are known ({@code done} 0), then as their results are
 * recorded. Called on the cycle's own thread; must be quick.
 */
@FunctionalInterface
public interface CycleProgress {

    CycleProgress NONE = (done, total) -> { };

    /**
     * @param done  users whose outcome is recorded (or held by the deletion threshold)
     * @param total users the cycle looks at
     */
    void update(long done, long total);
}
