package io.tenantsync.emulator.control;

import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.directory.Seeder;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.throttle.Throttling;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /_emulator/tenants/{tenant}/seed}: adds generated member users {@code <prefix><n>@<initial domain>},
 * numbering on after the highest {@code n} the tenant already has for that prefix, so seeding twice never collides.
 */
public final class TenantSeeding {
    public static final int MAX_USERS = 200_000;
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /** What a seed created: how many users, their first and last UPN and the index they started at. */
    public record Result(int created, int firstIndex, String firstUserPrincipalName, String lastUserPrincipalName) {}

    private final Database db;
    private final Seeder seeder;
    private final Throttling throttling;

    public TenantSeeding(Database db, Seeder seeder, Throttling throttling) {
        this.db = db;
        this.seeder = seeder;
        this.throttling = throttling;
    }

    /** Validates and seeds; {@link IllegalArgumentException} for a bad count or prefix. */
    public Result seed(TenantConfig tenant, int users, String prefix) {
        if (users < 1 || users > MAX_USERS) throw new IllegalArgumentException("'users' must be an integer from 1 to " + MAX_USERS);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("'prefix' must be 1-40 letters, digits, '-' or '_', starting with a letter or digit");
        }
        int first = nextIndex(tenant, prefix);
        List<String> ids = seeder.seedUsers(tenant, prefix, first, users);
        throttling.forgetTenantSizes();
        String domain = "@" + tenant.initialDomain();
        return new Result(ids.size(), first, prefix + first + domain, prefix + (first + users - 1) + domain);
    }

    private int nextIndex(TenantConfig tenant, String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        String suffix = "@" + tenant.initialDomain();
        return db.transaction(c -> {
            int max = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT UPN_LC FROM DIRECTORY_OBJECT WHERE TENANT_ID = ? AND UPN_LC LIKE ? ESCAPE '\\'")) {
                ps.setString(1, tenant.tenantId().toString());
                ps.setString(2, lower.replace("_", "\\_") + "%" + suffix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String upn = rs.getString(1);
                        String digits = upn.substring(lower.length(), upn.length() - suffix.length());
                        if (!digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(Character::isDigit)) {
                            max = Math.max(max, Integer.parseInt(digits));
                        }
                    }
                }
            }
            return max + 1;
        });
    }
}
