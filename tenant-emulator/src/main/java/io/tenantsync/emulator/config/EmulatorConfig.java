package io.tenantsync.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The emulator's configuration: its tenants and the credential that guards the {@code /_emulator} controls.
 * Read once at start from YAML or JSON and passed down.
 */
public record EmulatorConfig(List<TenantConfig> tenants, String controlToken) {
    public EmulatorConfig {
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty()) throw new IllegalArgumentException("the emulator needs at least one tenant");
        Set<UUID> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        for (TenantConfig t : tenants) {
            if (!ids.add(t.tenantId())) throw new IllegalArgumentException("duplicate tenantId " + t.tenantId());
            if (!names.add(t.name())) throw new IllegalArgumentException("duplicate tenant name " + t.name());
            for (AppRegistration a : t.apps()) {
                if (!clientIds.add(t.tenantId() + "/" + a.clientId())) {
                    throw new IllegalArgumentException("duplicate clientId " + a.clientId() + " in tenant " + t.name());
                }
            }
        }
        if (controlToken == null || controlToken.length() < 16) {
            throw new IllegalArgumentException("controlToken must be at least 16 characters");
        }
    }

    /** Finds a tenant by GUID, tenant name, or one of its domains (case-insensitive). */
    public Optional<TenantConfig> tenant(String key) {
        if (key == null) return Optional.empty();
        for (TenantConfig t : tenants) {
            if (t.tenantId().toString().equalsIgnoreCase(key) || t.name().equalsIgnoreCase(key) || t.ownsDomain(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Finds a tenant by its GUID. */
    public Optional<TenantConfig> tenant(UUID id) {
        return tenants.stream().filter(t -> t.tenantId().equals(id)).findFirst();
    }

    /** Reads a configuration file (YAML, or JSON which is YAML too). */
    public static EmulatorConfig load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        return fromTree(root, file.toString());
    }

    /** Builds a configuration from a parsed tree; {@code origin} names the source in error messages. */
    public static EmulatorConfig fromTree(JsonNode root, String origin) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException(origin + ": expected an object with 'tenants'");
        List<TenantConfig> tenants = new ArrayList<>();
        JsonNode list = root.path("tenants");
        if (!list.isArray()) throw new IllegalArgumentException(origin + ": 'tenants' must be a list");
        for (JsonNode t : list) {
            String name = text(t, "name");
            String where = origin + ": tenant " + name;
            UUID id;
            try {
                id = UUID.fromString(requireText(t, "tenantId", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": tenantId is not a GUID");
            }
            List<String> domains = new ArrayList<>();
            t.path("verifiedDomains").forEach(d -> domains.add(d.asText()));
            List<AppRegistration> apps = new ArrayList<>();
            for (JsonNode a : t.path("apps")) {
                Set<String> roles = new LinkedHashSet<>();
                JsonNode r = a.path("roles");
                if (r.isTextual() && r.asText().equalsIgnoreCase("all")) roles.addAll(AppRegistration.ALL_ROLES);
                else r.forEach(x -> roles.add(x.asText()));
                apps.add(new AppRegistration(requireText(a, "clientId", where), requireText(a, "clientSecret", where),
                        text(a, "displayName"), roles));
            }
            tenants.add(new TenantConfig(name, id, Cloud.fromConfigName(text(t, "cloud")), text(t, "initialDomain"), domains, apps));
        }
        String control = text(root, "controlToken");
        return new EmulatorConfig(tenants, control == null ? randomSecret() : control);
    }

    /** A fresh random secret, URL-safe, 32 bytes of entropy. */
    public static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String requireText(JsonNode n, String field, String where) {
        String v = text(n, field);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(where + ": missing '" + field + "'");
        return v;
    }
}
