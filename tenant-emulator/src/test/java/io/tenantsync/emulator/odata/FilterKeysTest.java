package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which filters confine their matches to known ids, so the store may answer them by key. */
class FilterKeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "id eq 'B'                                              | b",
            "id in ('c', 'A', 'b')                                  | a,b,c",
            "tolower(id) eq 'a'                                     | a",
            "id in ('a', 'b') and mail eq 'x@y'                     | a,b",
            "mail eq 'x@y' and id eq 'a'                            | a",
            "id in ('a', 'b') and id in ('b', 'c')                  | b",
            "id eq 'a' and id eq 'b'                                | \"\"",
            "id eq 'a' or id in ('b', 'c')                          | a,b,c",
            "(id eq 'a' or id eq 'b') and accountEnabled eq true    | a,b",
    })
    void idClausesThatBoundEveryMatchGiveTheIds(String filter, String ids) {
        List<String> expected = ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
        assertThat(FilterKeys.of(ODataFilterParser.parse(filter))).hasValueSatisfying(
                keys -> assertThat(keys).containsExactlyElementsOf(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "mail eq 'x@y'",
            "id eq 'a' or mail eq 'x@y'",
            "not(id eq 'a')",
            "id ne 'a'",
            "startsWith(id, 'a')",
            "otherMails/any(m: m eq 'a')",
    })
    void filtersThatCanMatchOtherIdsGiveNone(String filter) {
        assertThat(FilterKeys.of(ODataFilterParser.parse(filter))).isEmpty();
    }
}
