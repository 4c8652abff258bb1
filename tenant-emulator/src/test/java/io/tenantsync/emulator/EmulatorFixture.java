package io.tenantsync.emulator;

import io.tenantsync.emulator.config.AppRegistration;
import io.tenantsync.emulator.config.Cloud;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.server.EmulatorServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** An in-memory emulator on a free loopback port with three tenants: contoso, fabrikam (global) and woodgrove (usGov). */
public final class EmulatorFixture implements AutoCloseable {
    public static final UUID CONTOSO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    public static final UUID FABRIKAM = UUID.fromString("22222222-2222-4222-8222-222222222222");
    public static final UUID WOODGROVE = UUID.fromString("33333333-3333-4333-8333-333333333333");
    public static final String CONTROL_TOKEN = "control-token-for-tests-0123456789";

    public final EmulatorConfig config;
    public final EmulatorServer server;
    public final Path dir;

    public EmulatorFixture() {
        this(Optional.empty());
    }

    public EmulatorFixture(Optional<Path> dataDir) {
        this.config = config();
        try {
            this.dir = Files.createTempDirectory("emulator-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = EmulatorServer.start(new EmulatorServer.Options(config, 0, dataDir, dir.resolve("ca.pem"), Optional.empty()));
    }

    public static EmulatorConfig config() {
        return new EmulatorConfig(List.of(
                new TenantConfig("contoso", CONTOSO, Cloud.GLOBAL, null, List.of("contoso.com"), List.of(
                        new AppRegistration("contoso-admin", "contoso-secret-value-0001", "Contoso Admin", Set.copyOf(AppRegistration.ALL_ROLES)),
                        new AppRegistration("contoso-reader", "contoso-secret-value-0002", "Contoso Reader", Set.of("User.Read.All")))),
                new TenantConfig("fabrikam", FABRIKAM, Cloud.GLOBAL, null, List.of("fabrikam.com"), List.of(
                        new AppRegistration("fabrikam-admin", "fabrikam-secret-value-0001", "Fabrikam Admin", Set.copyOf(AppRegistration.ALL_ROLES)))),
                new TenantConfig("woodgrove", WOODGROVE, Cloud.US_GOV, null, List.of(), List.of(
                        new AppRegistration("woodgrove-admin", "woodgrove-secret-value-0001", "Woodgrove Admin", Set.copyOf(AppRegistration.ALL_ROLES))))),
                CONTROL_TOKEN);
    }

    public String authority() { return server.baseUri().toString(); }

    public String graphRoot() { return server.baseUri() + "/v1.0"; }

    @Override
    public void close() {
        server.close();
    }
}
