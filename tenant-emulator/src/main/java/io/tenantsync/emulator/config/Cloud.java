package io.tenantsync.emulator.config;

import java.util.Locale;

/** A Microsoft cloud instance: its Graph resource (token audience) and its initial-domain suffix. */
public enum Cloud {
    GLOBAL("global", "https://graph.microsoft.com", "onmicrosoft.com", "microsoftonline.com"),
    US_GOV("usGov", "https://graph.microsoft.us", "onmicrosoft.us", "microsoftonline.us"),
    CHINA("china", "https://microsoftgraph.chinacloudapi.cn", "onmicrosoft.cn", "partner.microsoftonline.cn");

    private final String configName;
    private final String graphResource;
    private final String initialDomainSuffix;
    private final String cloudEndpoint;

    Cloud(String configName, String graphResource, String initialDomainSuffix, String cloudEndpoint) {
        this.configName = configName;
        this.graphResource = graphResource;
        this.initialDomainSuffix = initialDomainSuffix;
        this.cloudEndpoint = cloudEndpoint;
    }

    /** The name used in configuration files: global, usGov, china. */
    public String configName() { return configName; }

    /** The Graph resource identifier: the audience of tokens for this cloud, prefix of its .default scope. */
    public String graphResource() { return graphResource; }

    /** Suffix of a tenant's initial domain in this cloud (contoso.onmicrosoft.com). */
    public String initialDomainSuffix() { return initialDomainSuffix; }

    /** The value cross-tenant access policies use in allowedCloudEndpoints for this cloud. */
    public String cloudEndpoint() { return cloudEndpoint; }

    /** Parses a configuration name, case-insensitively. */
    public static Cloud fromConfigName(String name) {
        if (name == null) return GLOBAL;
        for (Cloud c : values()) {
            if (c.configName.equalsIgnoreCase(name) || c.name().replace("_", "").equalsIgnoreCase(name.replace("_", ""))) return c;
        }
        throw new IllegalArgumentException("unknown cloud '" + name + "' (expected global, usGov or china)");
    }

    @Override
    public String toString() { return configName.toLowerCase(Locale.ROOT); }
}
