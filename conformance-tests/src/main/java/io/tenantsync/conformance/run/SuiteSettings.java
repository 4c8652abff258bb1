package io.tenantsync.conformance.run;

import io.tenantsync.conformance.target.CrossTenantSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the suite runs against.
 *
 * @param scimUrl        the SCIM base URL, e.g. {@code http://127.0.0.1:8081/scim/v2}
 * @param bearerToken    the bearer token the endpoint accepts; never printed
 * @param userDomain     the domain of the e-mail addresses the suite's users get (for a cross-tenant target: a domain
 *                       of the source tenant, so invitations resolve to it)
 * @param requestTimeout per HTTP request
 * @param crossTenant    the target tenant behind the endpoint; without it the cross-tenant checks are skipped
 */
public record SuiteSettings(URI scimUrl, String bearerToken, String userDomain, Duration requestTimeout,
                            Optional<CrossTenantSettings> crossTenant) {
    public SuiteSettings {
        Objects.requireNonNull(scimUrl, "scimUrl");
        Objects.requireNonNull(bearerToken, "bearerToken");
        userDomain = userDomain == null ? "example.com" : userDomain;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        crossTenant = crossTenant == null ? Optional.empty() : crossTenant;
    }

    public static SuiteSettings of(URI scimUrl, String bearerToken) {
        return new SuiteSettings(scimUrl, bearerToken, null, null, Optional.empty());
    }

    public SuiteSettings withUserDomain(String domain) {
        return new SuiteSettings(scimUrl, bearerToken, domain, requestTimeout, crossTenant);
    }

    public SuiteSettings withCrossTenant(CrossTenantSettings target) {
        return new SuiteSettings(scimUrl, bearerToken, userDomain, requestTimeout, Optional.of(target));
    }

    @Override
    public String toString() {
        return "SuiteSettings[scimUrl=" + scimUrl + ", bearerToken=***, userDomain=" + userDomain + ", crossTenant="
                + crossTenant.map(c -> c.admin().toString()).orElse("none") + "]";
    }
}
