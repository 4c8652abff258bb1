package io.tenantsync.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.cli.CliException;
import io.tenantsync.cli.OwnerOnlyFile;
import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The demo's two tenants, {@code contoso} (source) and {@code fabrikam} (target), in the global cloud with GUID
 * tenant ids and one full-privilege app each. Generated once; with a data directory they are kept in
 * {@value #FILE} there (an ordinary emulator configuration file) so a restart finds the same ids and secrets.
 */
public final class DemoTenants {
    public static final String SOURCE = "contoso";
    public static final String TARGET = "fabrikam";
    public static final String FILE = "demo-config.json";

    private DemoTenants() {}

    /** Fresh tenants with random ids, client ids, secrets and control token. */
    public static EmulatorConfig generate() {
        return new EmulatorConfig(List.of(tenant(SOURCE), tenant(TARGET)), EmulatorConfig.randomSecret());
    }

    private static TenantConfig tenant(String name) {
        AppRegistration admin = new AppRegistration(UUID.randomUUID().toString(), EmulatorConfig.randomSecret(),
                title(name) + " tenantsync admin", Set.copyOf(AppRegistration.ALL_ROLES));
        return new TenantConfig(name, UUID.randomUUID(), Cloud.GLOBAL, null, List.of(), List.of(admin));
    }

    /** The tenants saved in {@code dataDir}, or new ones saved there (owner-only) for the next start. */
    public static EmulatorConfig loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            EmulatorConfig config;
            try {
                config = EmulatorConfig.load(file);
            } catch (IllegalArgumentException e) {
                throw new CliException(file + " is not a readable demo configuration: " + e.getMessage()
                        + " (delete it to start the demo afresh)", e);
            }
            for (String name : List.of(SOURCE, TARGET)) {
                TenantConfig t = config.tenant(name).orElseThrow(() -> new CliException(file + " has no tenant '" + name
                        + "' (delete it to start the demo afresh)"));
                if (t.apps().isEmpty()) throw new CliException(file + ": tenant '" + name + "' has no app");
            }
            return config;
        }
        EmulatorConfig config = generate();
        OwnerOnlyFile.write(file, toJson(config));
        return config;
    }

    /** The source tenant of a demo configuration. */
    public static TenantConfig source(EmulatorConfig config) { return config.tenant(SOURCE).orElseThrow(); }

    /** The target tenant of a demo configuration. */
    public static TenantConfig target(EmulatorConfig config) { return config.tenant(TARGET).orElseThrow(); }

    /** The app the demo administers a tenant with. */
    public static AppRegistration admin(TenantConfig tenant) { return tenant.apps().get(0); }

    /** A tenant name as a display name: contoso → Contoso. */
    static String title(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The configuration in the file format {@link EmulatorConfig#load} reads. */
    static String toJson(EmulatorConfig config) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("controlToken", config.controlToken());
        for (TenantConfig t : config.tenants()) {
            ObjectNode n = root.withArray("tenants").addObject();
            n.put("name", t.name());
            n.put("tenantId", t.tenantId().toString());
            n.put("cloud", t.cloud().configName());
            n.put("initialDomain", t.initialDomain());
            t.verifiedDomains().forEach(n.withArray("verifiedDomains")::add);
            for (AppRegistration a : t.apps()) {
                ObjectNode app = n.withArray("apps").addObject();
                app.put("clientId", a.clientId());
                app.put("clientSecret", a.clientSecret());
                app.put("displayName", a.displayName());
                a.roles().stream().sorted().forEach(app.withArray("roles")::add);
            }
        }
        try {
            return json.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
