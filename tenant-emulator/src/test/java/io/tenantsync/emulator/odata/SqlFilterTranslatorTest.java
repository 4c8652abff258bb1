package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlFilterTranslatorTest {
    /** A top-level any() over strings: an uncorrelated subquery over the value index. */
    private static final String STRING_ROWS =
            "SELECT v1.TENANT_ID, v1.OBJECT_ID FROM OBJECT_VALUE v1 WHERE v1.PROP = ? AND v1.SUB = ''";
    private static final String IN = "(o.TENANT_ID, o.ID) IN (";
    /** The object's own rows of a string collection, correlated ($count, nested lambdas). */
    private static final String OWN_STRING_ROWS =
            "SELECT 1 FROM OBJECT_VALUE v1 WHERE v1.TENANT_ID = o.TENANT_ID AND v1.OBJECT_ID = o.ID AND v1.PROP = ? AND v1.SUB = ''";

    static Stream<Arguments> translations() {
        return Stream.of(
                arguments("mail eq 'Ann@Contoso.com'", "o.MAIL_LC = ?", List.of("ann@contoso.com")),
                arguments("mail ne 'X'", "(o.MAIL_LC IS NULL OR o.MAIL_LC <> ?)", List.of("x")),
                arguments("mail eq null", "o.MAIL_LC IS NULL", List.of()),
                arguments("mail ne null", "o.MAIL_LC IS NOT NULL", List.of()),
                arguments("displayName ge 'M'", "o.DISPLAY_NAME_LC >= ?", List.of("m")),
                arguments("tolower(mail) eq 'X'", "o.MAIL_LC = ?", List.of("x")),
                arguments("accountEnabled eq true", "o.ACCOUNT_ENABLED = ?", List.of(true)),
                arguments("accountEnabled ne false", "(o.ACCOUNT_ENABLED IS NULL OR o.ACCOUNT_ENABLED <> ?)", List.of(false)),
                arguments("createdDateTime ge 2024-01-01T00:00:00Z", "o.CREATED_AT >= ?",
                        List.of(Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")))),
                arguments("createdDateTime lt 2024-01-01T02:00:00+02:00", "o.CREATED_AT < ?",
                        List.of(Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")))),
                arguments("changeSeq gt 5", "o.CHANGE_SEQ > ?", List.of(5L)),
                arguments("id eq 8F1E2A3B-1C2D-4E5F-8A9B-0C1D2E3F4A5B", "o.ID = ?", List.of("8f1e2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b")),
                arguments("userType in ('Guest', 'Member')", "o.USER_TYPE_LC IN (?, ?)", List.of("guest", "member")),
                arguments("startsWith(displayName,'Ad_a%')", "o.DISPLAY_NAME_LC LIKE ? ESCAPE '\\'", List.of("ad\\_a\\%%")),
                arguments("endsWith(mail,'@Contoso.com')", "o.MAIL_LC LIKE ? ESCAPE '\\'", List.of("%@contoso.com")),
                arguments("contains(jobTitle,'a\\b')", "o.JOB_TITLE_LC LIKE ? ESCAPE '\\'", List.of("%a\\\\b%")),
                arguments("onPremisesExtensionAttributes/extensionAttribute1 eq 'Blue'", "o.EXT1_LC = ?", List.of("blue")),
                arguments("ONPREMISESEXTENSIONATTRIBUTES/EXTENSIONATTRIBUTE15 eq 'x'", "o.EXT15_LC = ?", List.of("x")),
                arguments("mail eq 'a' and (givenName eq 'b' or surname eq 'c')",
                        "o.MAIL_LC = ? AND (o.GIVEN_NAME_LC = ? OR o.SURNAME_LC = ?)", List.of("a", "b", "c")),
                arguments("mail eq 'a' or givenName eq 'b' and surname eq 'c'",
                        "o.MAIL_LC = ? OR o.GIVEN_NAME_LC = ? AND o.SURNAME_LC = ?", List.of("a", "b", "c")),
                arguments("not(mail eq 'a')", "NOT ((o.MAIL_LC IS NOT NULL AND o.MAIL_LC = ?))", List.of("a")),
                arguments("not(mail ne 'a' or mail eq null)", "NOT ((o.MAIL_LC IS NULL OR o.MAIL_LC <> ?) OR o.MAIL_LC IS NULL)",
                        List.of("a")),
                arguments("otherMails/any(x:x eq 'A@b.com')", IN + STRING_ROWS + " AND v1.VALUE_LC = ?)",
                        List.of("otherMails", "a@b.com")),
                arguments("proxyAddresses/any(x:startsWith(x,'SMTP:'))",
                        IN + STRING_ROWS + " AND v1.VALUE_LC LIKE ? ESCAPE '\\')",
                        List.of("proxyAddresses", "smtp:%")),
                arguments("otherMails/any(x:x eq 'a' or x eq 'b')",
                        IN + STRING_ROWS + " AND (v1.VALUE_LC = ? OR v1.VALUE_LC = ?))", List.of("otherMails", "a", "b")),
                arguments("otherMails/any(x:x eq 'a') and proxyAddresses/any(y:y eq 'b')",
                        IN + STRING_ROWS + " AND v1.VALUE_LC = ?) AND " + IN + STRING_ROWS.replace("v1", "v2")
                                + " AND v2.VALUE_LC = ?)",
                        List.of("otherMails", "a", "proxyAddresses", "b")),
                arguments("identities/any(c:c/issuerAssignedId eq 'J@x.com' and c/ISSUER eq 'X.com')",
                        "EXISTS (SELECT 1 FROM OBJECT_VALUE e1 WHERE e1.TENANT_ID = o.TENANT_ID AND e1.OBJECT_ID = o.ID AND e1.PROP = ? AND "
                                + "EXISTS (SELECT 1 FROM OBJECT_VALUE s2 WHERE s2.TENANT_ID = e1.TENANT_ID AND s2.OBJECT_ID = e1.OBJECT_ID"
                                + " AND s2.PROP = e1.PROP AND s2.IDX = e1.IDX AND s2.SUB = ? AND s2.VALUE_LC = ?) AND "
                                + "EXISTS (SELECT 1 FROM OBJECT_VALUE s3 WHERE s3.TENANT_ID = e1.TENANT_ID AND s3.OBJECT_ID = e1.OBJECT_ID"
                                + " AND s3.PROP = e1.PROP AND s3.IDX = e1.IDX AND s3.SUB = ? AND s3.VALUE_LC = ?))",
                        List.of("identities", "issuerAssignedId", "j@x.com", "issuer", "x.com")),
                arguments("identities/any(c:c/issuer ne 'x')",
                        "EXISTS (SELECT 1 FROM OBJECT_VALUE e1 WHERE e1.TENANT_ID = o.TENANT_ID AND e1.OBJECT_ID = o.ID AND e1.PROP = ? AND "
                                + "NOT EXISTS (SELECT 1 FROM OBJECT_VALUE s2 WHERE s2.TENANT_ID = e1.TENANT_ID AND s2.OBJECT_ID = e1.OBJECT_ID"
                                + " AND s2.PROP = e1.PROP AND s2.IDX = e1.IDX AND s2.SUB = ? AND s2.VALUE_LC = ?))",
                        List.of("identities", "issuer", "x")),
                arguments("otherMails/$count eq 0", "NOT EXISTS (" + OWN_STRING_ROWS + ")", List.of("otherMails")),
                arguments("otherMails/$count ne 0", "EXISTS (" + OWN_STRING_ROWS + ")", List.of("otherMails")),
                arguments("otherMails/$count gt 1",
                        "(SELECT COUNT(DISTINCT v1.IDX) FROM OBJECT_VALUE v1 WHERE v1.TENANT_ID = o.TENANT_ID AND v1.OBJECT_ID = o.ID"
                                + " AND v1.PROP = ? AND v1.SUB = '') > ?",
                        List.of("otherMails", 1L)),
                arguments("identities/$count eq 0",
                        "NOT EXISTS (SELECT 1 FROM OBJECT_VALUE v1 WHERE v1.TENANT_ID = o.TENANT_ID AND v1.OBJECT_ID = o.ID AND v1.PROP = ?)",
                        List.of("identities")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void translatesToParameterisedSql(String filter, String sql, List<Object> params) {
        SqlPredicate predicate = SqlFilterTranslator.translate(ODataFilterParser.parse(filter), UserFilterSchema.USER);
        assertThat(predicate.sql()).isEqualTo(sql);
        assertThat(predicate.params()).containsExactlyElementsOf(params);
    }

    @Test
    void neverWritesLiteralsIntoTheSql() {
        SqlPredicate predicate = SqlFilterTranslator.translate(
                ODataFilterParser.parse("mail eq 'x'' OR 1=1 --' or startsWith(displayName,'evil')"), UserFilterSchema.USER);
        assertThat(predicate.sql()).doesNotContain("1=1").doesNotContain("evil");
    }

    static Stream<Arguments> unsupported() {
        String enabled = "Unsupported or invalid query filter clause specified for property 'accountEnabled' of resource 'User'.";
        return Stream.of(
                arguments("accountEnabled eq 'yes'", "Request_UnsupportedQuery", enabled),
                arguments("startsWith(accountEnabled,'t')", "Request_UnsupportedQuery", enabled),
                arguments("accountEnabled gt true", "Request_UnsupportedQuery", enabled),
                arguments("tolower(accountEnabled) eq true", "Request_UnsupportedQuery", enabled),
                arguments("accountEnabled in (true, 'x')", "Request_UnsupportedQuery", enabled),
                arguments("mail eq true", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'."),
                arguments("mail gt null", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'."),
                arguments("createdDateTime ge 'yesterday'", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'User'."),
                arguments("changeSeq eq '5'", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'changeSeq' of resource 'User'."),
                arguments("mail/any(x:x eq 'a')", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'."),
                arguments("mail/$count eq 0", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'."),
                arguments("otherMails eq 'a'", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'otherMails' of resource 'User'."),
                arguments("otherMails/all(x:x eq 'a')", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'otherMails' of resource 'User'."),
                arguments("otherMails/any(x:x/foo eq 'a')", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'otherMails/foo' of resource 'User'."),
                arguments("identities/any(c:c/foo eq 'x')", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'identities/foo' of resource 'User'."),
                arguments("identities/any(c:c eq 'x')", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'identities' of resource 'User'."),
                arguments("identities/any(c:c/issuer/any(d:d eq 'x'))", "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'c/issuer' of resource 'User'."),
                arguments("foo eq 'x'", "BadRequest", "Could not find a property named 'foo' on type 'microsoft.graph.user'."),
                arguments("foo/any(x:x eq 'a')", "BadRequest", "Could not find a property named 'foo' on type 'microsoft.graph.user'."),
                arguments("onPremisesExtensionAttributes/extensionAttribute16 eq 'x'", "BadRequest",
                        "Could not find a property named 'onPremisesExtensionAttributes/extensionAttribute16' on type 'microsoft.graph.user'."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void rejectsClausesTheStoreCannotAnswerWithGraphMessages(String filter, String code, String message) {
        FilterExpr parsed = ODataFilterParser.parse(filter);
        assertThatThrownBy(() -> SqlFilterTranslator.translate(parsed, UserFilterSchema.USER))
                .isInstanceOfSatisfying(UnsupportedQueryException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void inAcceptsFifteenValuesButNotSixteen() {
        String fifteen = "userType in (" + String.join(",", Collections.nCopies(15, "'a'")) + ")";
        String sixteen = "userType in (" + String.join(",", Collections.nCopies(16, "'a'")) + ")";
        assertThat(SqlFilterTranslator.translate(ODataFilterParser.parse(fifteen), UserFilterSchema.USER).params()).hasSize(15);
        assertThatThrownBy(() -> SqlFilterTranslator.translate(ODataFilterParser.parse(sixteen), UserFilterSchema.USER))
                .isInstanceOfSatisfying(UnsupportedQueryException.class,
                        e -> assertThat(e.code()).isEqualTo(UnsupportedQueryException.UNSUPPORTED_QUERY))
                .hasMessageContaining("Max allowed: 15");
    }

    @Test
    void entityNameIsCapitalisedForResourcesAndLowerCasedForTypes() {
        FilterSchema capitalised = new FilterSchema() {
            @Override public java.util.Optional<StoredProperty> resolve(List<String> path) { return java.util.Optional.empty(); }
            @Override public String entityName() { return "Group"; }
        };
        assertThatThrownBy(() -> SqlFilterTranslator.translate(ODataFilterParser.parse("foo eq 'x'"), capitalised))
                .hasMessage("Could not find a property named 'foo' on type 'microsoft.graph.group'.");
    }
}
