package io.tenantsync.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Microsoft clouds a tenant can live in, with the value that names each one in
 * {@code crossTenantAccessPolicy.allowedCloudEndpoints} (graph.md §2) and its sign-in authority host.
 */
public enum MicrosoftCloud {
    GLOBAL("Microsoft Azure commercial", "microsoftonline.com", "https://login.microsoftonline.com"),
    US_GOV("Microsoft Azure Government", "microsoftonline.us", "https://login.microsoftonline.us"),
    /** The authority uses the {@code partner.microsoftonline.cn} name, as the endpoint value does. */
    CHINA("Microsoft Azure operated by 21Vianet", "partner.microsoftonline.cn",
            "https://login.partner.microsoftonline.cn");

    private final String displayName;
    private final String allowedCloudEndpoint;
    private final String authorityHost;

    MicrosoftCloud(String displayName, String allowedCloudEndpoint, String authorityHost) {
        this.displayName = displayName;
        this.allowedCloudEndpoint = allowedCloudEndpoint;
        this.authorityHost = authorityHost;
    }

    /** The cloud's name as Microsoft's docs write it, for messages. */
    public String displayName() {
        return displayName;
    }

    /** This cloud's value in {@code allowedCloudEndpoints}, e.g. {@code microsoftonline.us}. */
    public String allowedCloudEndpoint() {
        return allowedCloudEndpoint;
    }

    /** The sign-in authority host, e.g. {@code https://login.microsoftonline.us}. */
    public String authorityHost() {
        return authorityHost;
    }

    /** The cloud an {@code allowedCloudEndpoints} value names, ignoring case; empty for values we do not know. */
    public static Optional<MicrosoftCloud> fromAllowedCloudEndpoint(String endpoint) {
        return Arrays.stream(values())
                .filter(cloud -> cloud.allowedCloudEndpoint.equals(endpoint.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
