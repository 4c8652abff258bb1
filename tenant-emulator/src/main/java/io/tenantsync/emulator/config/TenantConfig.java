package io.tenantsync.emulator.config;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One emulated tenant: its id, name, cloud, domains and registered apps. */
public record TenantConfig(String name, UUID tenantId, Cloud cloud, String initialDomain,
                           List<String> verifiedDomains, List<AppRegistration> apps) {
    public TenantConfig {
        if (name == null || !name.matches("[a-z0-9-]{1,27}")) {
            throw new IllegalArgumentException("tenant name must be 1-27 lower-case letters, digits or '-': " + name);
        }
        if (tenantId == null) throw new IllegalArgumentException("tenant " + name + " needs a tenantId");
        cloud = cloud == null ? Cloud.GLOBAL : cloud;
        initialDomain = (initialDomain == null ? name + "." + cloud.initialDomainSuffix() : initialDomain).toLowerCase(Locale.ROOT);
        verifiedDomains = verifiedDomains == null ? List.of() : verifiedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /** Whether the domain (case-insensitive) is the initial domain or one of the verified domains of this tenant. */
    public boolean ownsDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.equals(initialDomain) || verifiedDomains.contains(d);
    }

    /** All domains of the tenant, initial first. */
    public List<String> allDomains() {
        var all = new java.util.ArrayList<String>();
        all.add(initialDomain);
        verifiedDomains.stream().filter(d -> !d.equals(initialDomain)).forEach(all::add);
        return List.copyOf(all);
    }
}
