package io.tenantsync.core.store;

/** Graph's {@code quarantineReason}, with the words our status shows. */
public enum QuarantineReason {
    /** More than 40,000 failed non-reference escrows (once at least 5,000 have failed). */
    ENCOUNTERED_BASE_ESCROW_THRESHOLD("EncounteredBaseEscrowThreshold",
            "more than 40,000 objects failed to provision"),
    /** More than 60,000 failed escrows, reference failures included. */
    ENCOUNTERED_TOTAL_ESCROW_THRESHOLD("EncounteredTotalEscrowThreshold",
            "more than 60,000 failures, reference failures included"),
    /** More than 40% of the objects processed failed (once at least 5,000 have failed). */
    ENCOUNTERED_ESCROW_PROPORTION_THRESHOLD("EncounteredEscrowProportionThreshold",
            "more than 40% of the objects processed failed to provision"),
    /** The target refused every call: invalid credentials, no authorisation, an incompatible service. */
    ENCOUNTERED_QUARANTINE_EXCEPTION("EncounteredQuarantineException",
            "the target refused the connection"),
    /** An administrator quarantined the job. */
    QUARANTINED_ON_DEMAND("QuarantinedOnDemand", "quarantined on demand"),
    /** A cycle planned more deletions than the accidental-deletions threshold allows. */
    TOO_MANY_DELETES("TooManyDeletes", "the deletion threshold was exceeded; approve the deletions or restart"),
    /** Reading the source was interrupted and could not resume. */
    INGESTION_INTERRUPTED("IngestionInterrupted", "reading the source was interrupted"),
    UNKNOWN("Unknown", "unknown");

    private final String graphValue;
    private final String description;

    QuarantineReason(String graphValue, String description) {
        this.graphValue = graphValue;
        this.description = description;
    }

    /** Graph's enum value, e.g. {@code EncounteredEscrowProportionThreshold}. */
    public String graphValue() {
        return graphValue;
    }

    public String description() {
        return description;
    }
}
