package io.tenantsync.emulator.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fills a tenant with realistic member users (for the demo, tests and benchmarks), in chunks so a 100k seed
 * does not hold one giant transaction.
 */
public final class Seeder {
    private static final String[] GIVEN = {"Adele", "Alex", "Diego", "Grady", "Henrietta", "Isaiah", "Johanna", "Joni", "Lee",
            "Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep"};
    private static final String[] SURNAMES = {"Vance", "Wilber", "Siciliani", "Archie", "Mueller", "Langer", "Lorenz", "Sherman",
            "Gu", "Holloway", "Robbins", "Bowen", "Graham", "Wilke", "Fernandez", "Gupta"};
    private static final String[] DEPARTMENTS = {"Sales", "Marketing", "Engineering", "Finance", "Legal", "Operations"};
    private static final int CHUNK = 1_000;

    private final Database db;
    private final DirectoryStore store;
    private final ObjectMapper json;
    private final Clock clock;

    public Seeder(Database db, DirectoryStore store, ObjectMapper json, Clock clock) {
        this.db = db;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Adds {@code count} users named {@code prefix}{n} (n continuing from {@code firstIndex}); returns their ids. */
    public List<String> seedUsers(TenantConfig tenant, String prefix, int firstIndex, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int start = 0; start < count; start += CHUNK) {
            int from = start, to = Math.min(count, start + CHUNK);
            ids.addAll(db.transaction(c -> {
                List<String> chunk = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    DirectoryObject o = user(tenant, prefix, firstIndex + i);
                    store.insert(c, o);
                    chunk.add(o.id());
                }
                return chunk;
            }));
        }
        return ids;
    }

    private DirectoryObject user(TenantConfig tenant, String prefix, int n) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        String given = GIVEN[n % GIVEN.length];
        String surname = SURNAMES[(n / GIVEN.length) % SURNAMES.length];
        String alias = prefix + n;
        String upn = alias + "@" + tenant.initialDomain();
        ObjectNode u = json.createObjectNode();
        u.put("id", id);
        u.put("createdDateTime", now.toString());
        u.put("accountEnabled", true);
        u.put("displayName", given + " " + surname + " " + n);
        u.put("givenName", given);
        u.put("surname", surname);
        u.put("mail", upn);
        u.put("mailNickname", alias);
        u.put("userPrincipalName", upn);
        u.put("userType", "Member");
        u.put("department", DEPARTMENTS[n % DEPARTMENTS.length]);
        u.put("jobTitle", n % 10 == 0 ? "Manager" : "Specialist");
        u.put("companyName", tenant.name());
        u.put("usageLocation", "US");
        u.putNull("creationType");
        u.putNull("externalUserState");
        u.putArray("businessPhones");
        u.putArray("otherMails");
        u.putArray("proxyAddresses").add("SMTP:" + upn);
        ObjectNode identity = u.putArray("identities").addObject();
        identity.put("signInType", "userPrincipalName");
        identity.put("issuer", tenant.initialDomain());
        identity.put("issuerAssignedId", upn);
        ObjectNode ext = u.putObject("onPremisesExtensionAttributes");
        for (int i = 1; i <= 15; i++) ext.putNull("extensionAttribute" + i);
        return new DirectoryObject(tenant.tenantId().toString(), id, "user", u, now, null, null, 0);
    }
}
