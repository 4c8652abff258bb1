package io.tenantsync.emulator.control;

/** Directory-side effects of emulator controls, implemented where the directory lives. */
public interface ControlActions {
    /** Called after the clock moved: purges soft-deleted objects past retention. */
    void clockAdvanced();
}
