package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ODataOrderByTest {

    @Test
    void parsesSortKeysWithDirections() {
        assertThat(ODataOrderBy.parse("displayName desc, userPrincipalName asc,mail").items()).containsExactly(
                new ODataOrderBy.Item(List.of("displayName"), true),
                new ODataOrderBy.Item(List.of("userPrincipalName"), false),
                new ODataOrderBy.Item(List.of("mail"), false));
    }

    @Test
    void directionsAreCaseInsensitive() {
        assertThat(ODataOrderBy.parse("displayName DESC").items()).containsExactly(new ODataOrderBy.Item(List.of("displayName"), true));
    }

    @Test
    void pathsKeepTheirSegments() {
        assertThat(ODataOrderBy.parse("  onPremisesExtensionAttributes/extensionAttribute1 desc  ").items()).containsExactly(
                new ODataOrderBy.Item(List.of("onPremisesExtensionAttributes", "extensionAttribute1"), true));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                      | 0  | unexpected end of input at position 0",
            "displayName,              | 12 | Expected a property name.",
            "displayName,,mail         | 12 | character ',' is not valid at position 12",
            "displayName sideways      | 12 | 'sideways' is not valid at position 12",
            "displayName desc asc      | 17 | character 'a' is not valid at position 17",
            "display-name              | 7  | character '-' is not valid at position 7",
            "displayName/              | 12 | Expected a property name.",
            "/displayName              | 0  | character '/' is not valid at position 0",
    })
    void rejectsMalformedOrderBy(String orderBy, int position, String message) {
        assertThatThrownBy(() -> ODataOrderBy.parse(orderBy))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> assertThat(e.position()).isEqualTo(position))
                .hasMessageContaining(message);
    }
}
