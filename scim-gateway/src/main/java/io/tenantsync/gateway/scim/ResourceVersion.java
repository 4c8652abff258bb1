package io.tenantsync.gateway.scim;

import com.unboundid.scim2.common.exceptions.PreconditionFailedException;

/** A resource's version as the weak ETag of RFC 7644 §3.14, {@code W/"<n>"}, and the checks of If-Match / If-None-Match. */
public record ResourceVersion(long value) {
    /** The ETag header value and {@code meta.version}. */
    public String etag() {
        return "W/\"" + value + "\"";
    }

    /** Whether an If-Match / If-None-Match header names this version ({@code *} names any). Weak comparison. */
    public boolean matchedBy(String header) {
        if (header == null) return false;
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) return true;
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals("\"" + value + "\"")) return true;
        }
        return false;
    }

    /** Refuses a write whose If-Match names another version (412). */
    public void checkIfMatch(String ifMatch) throws PreconditionFailedException {
        if (ifMatch != null && !ifMatch.isBlank() && !matchedBy(ifMatch)) {
            throw new PreconditionFailedException("the resource has changed: its version is " + etag());
        }
    }
}
