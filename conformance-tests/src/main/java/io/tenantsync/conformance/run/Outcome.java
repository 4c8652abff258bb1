package io.tenantsync.conformance.run;

public enum Outcome { PASSED, FAILED, SKIPPED }
