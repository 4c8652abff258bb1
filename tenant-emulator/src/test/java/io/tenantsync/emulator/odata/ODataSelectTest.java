package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ODataSelectTest {

    @Test
    void keepsNamesAsGivenInOrder() {
        assertThat(ODataSelect.parse("id,displayName,MAIL")).containsExactly("id", "displayName", "MAIL");
    }

    @Test
    void trimsWhitespaceAroundItems() {
        assertThat(ODataSelect.parse("  id , displayName\t,mail ")).containsExactly("id", "displayName", "mail");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"              | 0  | unexpected end of input at position 0",
            "id,,mail          | 3  | character ',' is not valid at position 3",
            "id,               | 3  | Expected a property name.",
            "\",id\"           | 0  | character ',' is not valid at position 0",
            "id;mail           | 2  | character ';' is not valid at position 2",
            "display Name      | 8  | Expected ',' or the end of $select.",
            "id,*              | 3  | character '*' is not valid at position 3",
            "id,manager/id     | 10 | character '/' is not valid at position 10",
    })
    void rejectsEmptyItemsAndIllegalCharacters(String select, int position, String message) {
        assertThatThrownBy(() -> ODataSelect.parse(select))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> assertThat(e.position()).isEqualTo(position))
                .hasMessageContaining(message);
    }
}
