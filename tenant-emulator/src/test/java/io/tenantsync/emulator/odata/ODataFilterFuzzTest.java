package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile and random input: the parser only ever throws ODataSyntaxException, and what it accepts translates cleanly. */
class ODataFilterFuzzTest {
    private static final List<String> TOKENS = List.of(
            "mail", "displayName", "accountEnabled", "createdDateTime", "otherMails", "identities", "x", "c", "c/issuer",
            "onPremisesExtensionAttributes/extensionAttribute1", " eq ", " ne ", " gt ", " le ", " in ", " and ", " or ",
            "not ", "not(", "(", ")", ",", "'", "''", "'a'", "'O''Brien'", "true", "null", "42", "-1", "99999999999999999999",
            "8f1e2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "2024-01-01T00:00:00Z", "2024-99-01T00:00:00Z", "2024-01-01",
            "/any(", "/all(", "x:", "c:", "/$count", "$", "startsWith(", "endswith(", "contains(", "tolower(", "/", ":",
            " ", "\t", "\u0000", "\uD800", "é", "%", "_", "\\");
    private static final String VALID_SEEDS = String.join("\n",
            "mail eq 'a@b.com' and (accountEnabled eq true or userType in ('guest','member'))",
            "not startsWith(displayName,'x') or createdDateTime ge 2024-01-01T00:00:00Z",
            "identities/any(c:c/issuerAssignedId eq 'j@x' and c/issuer eq 'x')",
            "otherMails/any(x:startsWith(x,'v')) and proxyAddresses/$count eq 0",
            "tolower(onPremisesExtensionAttributes/extensionAttribute1) ne null");

    private final Random random = new Random(20240601L);
    private final JsonNode entity;

    ODataFilterFuzzTest() throws Exception {
        entity = new ObjectMapper().readTree(
                "{\"mail\":\"a@b.com\",\"otherMails\":[\"v\"],\"identities\":[{\"issuer\":\"x\"}],\"accountEnabled\":true}");
    }

    @Test
    void randomCharactersOnlyEverRaiseSyntaxErrors() {
        for (int i = 0; i < 20_000; i++) {
            StringBuilder filter = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) filter.append((char) (random.nextInt(10) < 8 ? 32 + random.nextInt(95) : random.nextInt(0x10000)));
            check(filter.toString());
        }
    }

    @Test
    void randomTokenSequencesOnlyEverRaiseSyntaxErrors() {
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder filter = new StringBuilder();
            int length = 1 + random.nextInt(25);
            for (int j = 0; j < length; j++) filter.append(TOKENS.get(random.nextInt(TOKENS.size())));
            if (check(filter.toString())) parsed++;
        }
        assertThat(parsed).as("some random token sequences are valid filters").isPositive();
    }

    @Test
    void mutatedValidFiltersOnlyEverRaiseSyntaxErrors() {
        String[] seeds = VALID_SEEDS.split("\n");
        for (String seed : seeds) assertThat(check(seed)).as(seed).isTrue();
        for (int i = 0; i < 30_000; i++) {
            StringBuilder filter = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && filter.length() > 0; e++) {
                int at = random.nextInt(filter.length());
                switch (random.nextInt(3)) {
                    case 0 -> filter.deleteCharAt(at);
                    case 1 -> filter.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                    default -> filter.setCharAt(at, (char) (32 + random.nextInt(95)));
                }
            }
            check(filter.toString());
        }
    }

    @Test
    void pathologicalInputsOnlyEverRaiseSyntaxErrors() {
        List<String> inputs = List.of(
                "(".repeat(4096), ")".repeat(4096), "not ".repeat(1024), "'".repeat(4095),
                "a/".repeat(2048), "a/any(x:".repeat(455), "tolower(".repeat(512),
                "a eq 1 and ".repeat(372) + "a eq 1", "a eq 1 or ".repeat(409) + "a eq 1",
                "(".repeat(5000) + "a eq 1", "x".repeat(100_000));
        for (String input : inputs) check(input);
    }

    /** Parses, and if that works, translates and evaluates; fails on anything but the documented exceptions. */
    private boolean check(String filter) {
        FilterExpr expression;
        try {
            expression = ODataFilterParser.parse(filter);
        } catch (ODataSyntaxException expected) {
            assertThat(expected.getMessage()).as(filter).isNotBlank();
            return false;
        } catch (RuntimeException | StackOverflowError unexpected) {
            return fail("parsing %s threw %s", show(filter), unexpected);
        }
        try {
            SqlFilterTranslator.translate(expression, UserFilterSchema.USER);
        } catch (UnsupportedQueryException expected) {
            // fine: a well-formed filter the store cannot answer
        } catch (RuntimeException | StackOverflowError unexpected) {
            return fail("translating %s threw %s", show(filter), unexpected);
        }
        try {
            JsonFilterEvaluator.matches(expression, entity);
        } catch (RuntimeException | StackOverflowError unexpected) {
            return fail("evaluating %s threw %s", show(filter), unexpected);
        }
        return true;
    }

    private static String show(String filter) {
        return filter.length() > 200 ? "'" + filter.substring(0, 200) + "…'" : "'" + filter + "'";
    }
}
