package io.tenantsync.core.policy;

/**
 * {@code automaticUserConsentSettings} of a cross-tenant access configuration (graph.md §7): whether invitations to
 * and from the partner are redeemed without a consent prompt. On a partner configuration a null value inherits the
 * default configuration's, which Microsoft Graph fixes at {@code false}.
 */
public record AutomaticUserConsentSettings(Boolean inboundAllowed, Boolean outboundAllowed) {

    /** The default configuration's values: always false and read-only on Microsoft Graph. */
    public static final AutomaticUserConsentSettings SERVICE_DEFAULT = new AutomaticUserConsentSettings(false, false);

    /** A partner configuration that sets neither value, so both inherit the default. */
    public static final AutomaticUserConsentSettings INHERITED = new AutomaticUserConsentSettings(null, null);

    /** The inbound value in effect: this one, or the default's when this one is null. */
    public boolean effectiveInbound(AutomaticUserConsentSettings defaults) {
        return inboundAllowed != null ? inboundAllowed : Boolean.TRUE.equals(defaults.inboundAllowed());
    }

    /** The outbound value in effect: this one, or the default's when this one is null. */
    public boolean effectiveOutbound(AutomaticUserConsentSettings defaults) {
        return outboundAllowed != null ? outboundAllowed : Boolean.TRUE.equals(defaults.outboundAllowed());
    }
}
