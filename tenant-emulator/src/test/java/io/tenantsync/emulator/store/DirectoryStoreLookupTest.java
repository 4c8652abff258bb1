package io.tenantsync.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.odata.ODataFilterParser;
import io.tenantsync.emulator.odata.SqlFilterTranslator;
import io.tenantsync.emulator.odata.SqlPredicate;
import io.tenantsync.emulator.odata.ValueLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A top-level {@code otherMails/any(m:m eq '…')} — how a B2B user is found by its invited address — is read from the
 * value index rather than by testing every object of the tenant, with the same answers.
 */
class DirectoryStoreLookupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T1 = "11111111-1111-4111-8111-111111111111";
    private static final String T2 = "22222222-2222-4222-8222-222222222222";
    private static Database db;
    private static DirectoryStore store;

    @BeforeAll
    static void seed() {
        db = Database.inMemory();
        store = new DirectoryStore(JSON);
        db.transaction(c -> {
            insert(c, T1, "00000000-0000-4000-8000-000000000001", "Member", null, "ann@contoso.com");
            // the same address twice in one user's otherMails: still one row in the answer
            insert(c, T1, "00000000-0000-4000-8000-000000000002", "Guest", null, "bob@contoso.com", "BOB@contoso.com");
            insert(c, T1, "00000000-0000-4000-8000-000000000003", "Member", null, "carl@contoso.com", "bob@contoso.com");
            insert(c, T1, "00000000-0000-4000-8000-000000000004", "Member", Instant.parse("2026-01-01T00:00:00Z"), "bob@contoso.com");
            insert(c, T2, "00000000-0000-4000-8000-000000000005", "Member", null, "bob@contoso.com");
            for (int i = 0; i < 200; i++) {
                insert(c, T1, String.format("00000000-0000-4000-8000-1%011d", i), "Member", null, "filler" + i + "@contoso.com");
            }
            return null;
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void anOtherMailsEqualityAtTheTopOfTheFilterOffersAValueLookup() {
        ValueLookup alone = predicate("otherMails/any(m:m eq 'Bob@Contoso.com')").lookup().orElseThrow();
        assertThat(alone.property()).isEqualTo("otherMails");
        assertThat(alone.valueLowerCase()).isEqualTo("bob@contoso.com");
        assertThat(alone.rest()).isEqualTo("TRUE");
        ValueLookup withMore = predicate("userType eq 'Member' and otherMails/any(m:tolower(m) eq 'bob@contoso.com')")
                .lookup().orElseThrow();
        assertThat(withMore.valueLowerCase()).isEqualTo("bob@contoso.com");
        assertThat(withMore.rest()).doesNotContain("OBJECT_VALUE");
        assertThat(withMore.restParams()).containsExactly("member");
    }

    @Test
    void noLookupWhereTheValueIsNotRequired() {
        assertThat(predicate("userType eq 'Guest' or otherMails/any(m:m eq 'bob@contoso.com')").lookup()).isEmpty();
        assertThat(predicate("not(otherMails/any(m:m eq 'bob@contoso.com'))").lookup()).isEmpty();
        assertThat(predicate("otherMails/any(m:m eq 'a@x.com' or m eq 'b@x.com')").lookup()).isEmpty();
        assertThat(predicate("otherMails/any(m:startswith(m, 'bob'))").lookup()).isEmpty();
    }

    @Test
    void theLookupFindsEachHolderOnceInItsTenantAndState() {
        assertThat(ids(query(T1, false, "otherMails/any(m:m eq 'BOB@contoso.com')")))
                .containsExactly("00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003");
        assertThat(ids(query(T1, true, "otherMails/any(m:m eq 'bob@contoso.com')")))
                .containsExactly("00000000-0000-4000-8000-000000000004");
        assertThat(ids(query(T2, false, "otherMails/any(m:m eq 'bob@contoso.com')")))
                .containsExactly("00000000-0000-4000-8000-000000000005");
        assertThat(ids(query(T1, false, "otherMails/any(m:m eq 'nobody@contoso.com')"))).isEmpty();
    }

    @Test
    void theRestOfTheFilterStillApplies() {
        assertThat(ids(query(T1, false, "otherMails/any(m:m eq 'bob@contoso.com') and userType eq 'Member'")))
                .containsExactly("00000000-0000-4000-8000-000000000003");
        assertThat(count(T1, false, "otherMails/any(m:m eq 'bob@contoso.com')")).isEqualTo(2);
    }

    @Test
    void theLookupIsReadThroughTheValueIndexNotTheTenantsObjects() throws Exception {
        SqlPredicate where = predicate("otherMails/any(m:m eq 'bob@contoso.com')");
        List<Object> params = new ArrayList<>();
        String sql = DirectoryStore.querySql(new DirectoryStore.Query(T1, "user", false, where.sql(), where.params(), null,
                null, 0, 11, where.lookup().orElseThrow()), params);
        String plan = db.transaction(c -> {
            StringBuilder text = new StringBuilder();
            // EXPLAIN takes no parameters: the values go in as literals
            StringBuilder literal = new StringBuilder();
            int next = 0;
            for (char ch : sql.toCharArray()) {
                Object p = ch == '?' ? params.get(next++) : null;
                literal.append(ch != '?' ? String.valueOf(ch) : p instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(p));
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN PLAN FOR " + literal)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) text.append(rs.getString(1)).append('\n');
                }
            }
            return text.toString();
        });
        // the first table read is OBJECT_VALUE through its (TENANT_ID, PROP, VALUE_LC) index, then the objects by
        // primary key; any DO_ index (DO_TYPE, DO_PURGE) would mean reading the tenant's objects
        assertThat(plan.indexOf("index=OV_VALUE")).isNotNegative().isLessThan(plan.indexOf("index=SYS_PK"));
        assertThat(plan).doesNotContain("index=DO_");
    }

    @Test
    void anUpdateThatLeavesTheCollectionsAloneKeepsThemFindable() {
        String id = "00000000-0000-4000-8000-000000000001";
        db.transaction(c -> {
            DirectoryObject ann = store.find(c, T1, id).orElseThrow();
            ObjectNode changed = ann.body().deepCopy().put("department", "Research");
            return store.update(c, ann.withBody(changed), DirectoryStore.UPSERT);
        });
        assertThat(ids(query(T1, false, "otherMails/any(m:m eq 'ann@contoso.com')"))).containsExactly(id);
        db.transaction(c -> {
            DirectoryObject ann = store.find(c, T1, id).orElseThrow();
            ObjectNode changed = ann.body().deepCopy();
            changed.putArray("otherMails").add("ann@fabrikam.com");
            return store.update(c, ann.withBody(changed), DirectoryStore.UPSERT);
        });
        assertThat(ids(query(T1, false, "otherMails/any(m:m eq 'ann@contoso.com')"))).isEmpty();
        assertThat(ids(query(T1, false, "otherMails/any(m:m eq 'ann@fabrikam.com')"))).containsExactly(id);
    }

    private static SqlPredicate predicate(String filter) {
        return SqlFilterTranslator.translate(ODataFilterParser.parse(filter), DirectoryFilterSchema.USER);
    }

    private static List<DirectoryObject> query(String tenant, boolean deleted, String filter) {
        SqlPredicate where = predicate(filter);
        return db.transaction(c -> store.query(c, new DirectoryStore.Query(tenant, "user", deleted, where.sql(),
                where.params(), null, null, 0, 100, where.lookup().orElse(null))));
    }

    private static long count(String tenant, boolean deleted, String filter) {
        SqlPredicate where = predicate(filter);
        return db.transaction(c -> store.count(c, tenant, "user", deleted, where.sql(), where.params(),
                where.lookup().orElse(null)));
    }

    private static List<String> ids(List<DirectoryObject> objects) {
        return objects.stream().map(DirectoryObject::id).toList();
    }

    private static void insert(Connection c, String tenant, String id, String userType, Instant deletedAt, String... otherMails)
            throws SQLException {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("displayName", id)
                .put("userPrincipalName", id + "@t.onmicrosoft.com").put("userType", userType);
        var mails = body.putArray("otherMails");
        for (String mail : otherMails) mails.add(mail);
        store.insert(c, new DirectoryObject(tenant, id, "user", body, Instant.parse("2025-01-01T00:00:00Z"), deletedAt,
                null, 0));
    }

}
