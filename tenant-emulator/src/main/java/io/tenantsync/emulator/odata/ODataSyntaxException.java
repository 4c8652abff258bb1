package io.tenantsync.emulator.odata;

/** A query option that is not well-formed OData; Graph answers these with 400 BadRequest. */
public final class ODataSyntaxException extends RuntimeException {
    private final int position;

    public ODataSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Zero-based offset into the query option where the problem was found. */
    public int position() { return position; }

    /** The Graph error code clients see. */
    public String code() { return "BadRequest"; }
}
