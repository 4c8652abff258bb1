package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs translated filters against HSQLDB: proves the SQL is valid there and selects the right objects. */
class SqlFilterHsqldbTest {
    private static Connection db;

    @BeforeAll
    static void createDirectory() throws SQLException {
        db = DriverManager.getConnection("jdbc:hsqldb:mem:odatatest", "SA", "");
        try (Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA PUBLIC CASCADE");
            s.execute("CREATE TABLE DIRECTORY_OBJECT (TENANT_ID VARCHAR(36) NOT NULL, ID VARCHAR(36) NOT NULL,"
                    + " CREATED_AT TIMESTAMP(3) WITH TIME ZONE NOT NULL, CHANGE_SEQ BIGINT NOT NULL,"
                    + " DISPLAY_NAME_LC VARCHAR(1024), UPN_LC VARCHAR(1024), MAIL_LC VARCHAR(1024), MAIL_NICKNAME_LC VARCHAR(1024),"
                    + " GIVEN_NAME_LC VARCHAR(1024), SURNAME_LC VARCHAR(1024), USER_TYPE_LC VARCHAR(64), ACCOUNT_ENABLED BOOLEAN,"
                    + " DEPARTMENT_LC VARCHAR(1024), COMPANY_NAME_LC VARCHAR(1024), JOB_TITLE_LC VARCHAR(1024),"
                    + " EXTERNAL_USER_STATE_LC VARCHAR(64), CREATION_TYPE_LC VARCHAR(64), EXT1_LC VARCHAR(1024),"
                    + " PRIMARY KEY (TENANT_ID, ID))");
            s.execute("CREATE TABLE OBJECT_VALUE (TENANT_ID VARCHAR(36) NOT NULL, OBJECT_ID VARCHAR(36) NOT NULL,"
                    + " PROP VARCHAR(64) NOT NULL, IDX INT NOT NULL, SUB VARCHAR(64) DEFAULT '' NOT NULL, VALUE_LC VARCHAR(1024))");
        }
        user("t1", "u1", "2024-01-10T08:00:00Z", 1, "ann lee", "ann@contoso.com", "member", true, "blue");
        user("t1", "u2", "2023-06-01T00:00:00Z", 2, "bob_100%", null, "guest", false, null);
        user("t1", "u3", "2024-05-01T00:00:00Z", 3, "carl", "carl@fabrikam.com", "member", null, null);
        // same mail in another tenant: every subquery must stay inside the object's own tenant
        user("t2", "u1", "2024-01-10T08:00:00Z", 4, "ann lee", "ann@contoso.com", "member", true, "blue");
        user("t2", "x9", "2024-01-10T08:00:00Z", 5, "x", "x@contoso.com", "member", true, null);

        strings("t1", "u1", "otherMails", "ann@other.com");
        strings("t1", "u3", "otherMails", "c1@x.com", "c2@x.com");
        strings("t1", "u1", "proxyAddresses", "smtp:ann@contoso.com");
        strings("t2", "x9", "otherMails", "c2@x.com");
        identity("t1", "u1", 0, "emailaddress", "contoso.com", "ann@contoso.com");
        identity("t1", "u1", 1, "userprincipalname", "contoso.onmicrosoft.com", "ann@contoso.onmicrosoft.com");
        identity("t1", "u2", 0, "federated", "facebook.com", "5678");
        // u3 has the id and the issuer u1 has, but on different elements
        identity("t1", "u3", 0, "emailaddress", "contoso.com", "other@contoso.com");
        identity("t1", "u3", 1, "federated", "facebook.com", "ann@contoso.com");
    }

    @AfterAll
    static void shutDown() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("SHUTDOWN");
        }
        db.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "mail eq 'ANN@contoso.com'                                                  | u1",
            "mail ne 'ann@contoso.com'                                                  | u2,u3",
            "not(mail eq 'ann@contoso.com')                                             | u2,u3",
            "mail eq null                                                               | u2",
            "mail ne null                                                               | u1,u3",
            "accountEnabled eq true                                                     | u1",
            "accountEnabled ne true                                                     | u2,u3",
            "not(accountEnabled eq false)                                               | u1,u3",
            "createdDateTime ge 2024-01-01T00:00:00Z                                    | u1,u3",
            "createdDateTime eq 2024-01-10T09:00:00+01:00                               | u1",
            "changeSeq le 2                                                             | u1,u2",
            "startsWith(displayName,'BOB_1')                                            | u2",
            "startsWith(displayName,'bob_%')                                            | \"\"",
            "contains(displayName,'100%')                                               | u2",
            "contains(displayName,'_')                                                  | u2",
            "endsWith(mail,'.com')                                                      | u1,u3",
            "not(startsWith(mail,'ann'))                                                | u2,u3",
            "userType in ('Guest','x')                                                  | u2",
            "not(userType in ('guest'))                                                 | u1,u3",
            "onPremisesExtensionAttributes/extensionAttribute1 eq 'Blue'                | u1",
            "onPremisesExtensionAttributes/extensionAttribute1 ne 'blue'                | u2,u3",
            "mail eq 'ann@contoso.com' or (accountEnabled eq false and userType eq 'guest') | u1,u2",
            "otherMails/any(x:x eq 'C2@x.com')                                          | u3",
            "otherMails/any(x:x eq 'c1@x.com' or x eq 'ann@other.com')                  | u1,u3",
            "not(otherMails/any(x:x eq 'ann@other.com'))                                | u2,u3",
            "proxyAddresses/any(x:startsWith(x,'SMTP:'))                                | u1",
            "otherMails/$count eq 0                                                     | u2",
            "otherMails/$count ne 0                                                     | u1,u3",
            "otherMails/$count gt 1                                                     | u3",
            "identities/$count eq 2                                                     | u1,u3",
            "identities/any(c:c/issuerAssignedId eq 'ann@contoso.com' and c/issuer eq 'contoso.com') | u1",
            "identities/any(c:c/issuer eq 'facebook.com')                               | u2,u3",
            "identities/any(c:c/issuer ne 'facebook.com')                               | u1,u3",
            "identities/any(c:c/signInType eq 'federated' and not(c/issuerAssignedId eq '5678')) | u3",
            "identities/any(c:c/issuer eq 'contoso.com' or c/issuerAssignedId eq '5678') | u1,u2,u3",
            "identities/any(c:startsWith(c/issuerAssignedId,'ann@') and c/signInType in ('emailAddress')) | u1",
            "identities/any(c:c/issuer eq null)                                         | \"\"",
    })
    void translatedFiltersSelectTheRightObjects(String filter, String ids) throws SQLException {
        SqlPredicate where = SqlFilterTranslator.translate(ODataFilterParser.parse(filter), UserFilterSchema.USER);
        List<String> expected = ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
        assertThat(query("SELECT o.ID FROM DIRECTORY_OBJECT o WHERE o.TENANT_ID = ? AND (" + where.sql() + ") ORDER BY o.ID",
                where.params())).isEqualTo(expected);
    }

    @Test
    void sortKeysOrderTheRowsBeforeTheIdTiebreak() throws SQLException {
        String keys = SqlOrderTranslator.translate(ODataOrderBy.parse("userType desc, displayName desc"), UserFilterSchema.USER);
        assertThat(query("SELECT o.ID FROM DIRECTORY_OBJECT o WHERE o.TENANT_ID = ? ORDER BY " + keys + ", o.ID", List.of()))
                .containsExactly("u3", "u1", "u2");
    }

    private static List<String> query(String sql, List<Object> params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, "t1");
            for (int i = 0; i < params.size(); i++) statement.setObject(i + 2, params.get(i));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static void user(String tenant, String id, String created, long seq, String displayName, String mail,
                             String userType, Boolean enabled, String ext1) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO DIRECTORY_OBJECT (TENANT_ID, ID, CREATED_AT, CHANGE_SEQ,"
                + " DISPLAY_NAME_LC, MAIL_LC, USER_TYPE_LC, ACCOUNT_ENABLED, EXT1_LC) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, tenant);
            s.setString(2, id);
            s.setObject(3, Timestamp.from(Instant.parse(created)));
            s.setLong(4, seq);
            s.setString(5, displayName);
            s.setString(6, mail);
            s.setString(7, userType);
            s.setObject(8, enabled);
            s.setString(9, ext1);
            s.executeUpdate();
        }
    }

    private static void strings(String tenant, String id, String prop, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) value(tenant, id, prop, i, "", values[i]);
    }

    private static void identity(String tenant, String id, int idx, String signInType, String issuer, String assignedId)
            throws SQLException {
        value(tenant, id, "identities", idx, "signInType", signInType);
        value(tenant, id, "identities", idx, "issuer", issuer);
        value(tenant, id, "identities", idx, "issuerAssignedId", assignedId);
    }

    private static void value(String tenant, String id, String prop, int idx, String sub, String value) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO OBJECT_VALUE (TENANT_ID, OBJECT_ID, PROP, IDX, SUB, VALUE_LC) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, tenant);
            s.setString(2, id);
            s.setString(3, prop);
            s.setInt(4, idx);
            s.setString(5, sub);
            s.setString(6, value);
            s.executeUpdate();
        }
    }
}
