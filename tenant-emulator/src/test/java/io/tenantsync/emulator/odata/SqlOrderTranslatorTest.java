package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlOrderTranslatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "displayName                                         | o.DISPLAY_NAME_LC ASC",
            "displayName desc, userPrincipalName asc             | o.DISPLAY_NAME_LC DESC, o.UPN_LC ASC",
            "createdDateTime DESC                                | o.CREATED_AT DESC",
            "onPremisesExtensionAttributes/extensionAttribute2   | o.EXT2_LC ASC",
    })
    void translatesSortKeysToColumns(String orderBy, String sql) {
        assertThat(SqlOrderTranslator.translate(ODataOrderBy.parse(orderBy), UserFilterSchema.USER)).isEqualTo(sql);
    }

    @Test
    void noSortKeysTranslateToNothing() {
        assertThat(SqlOrderTranslator.translate(new ODataOrderBy(List.of()), UserFilterSchema.USER)).isEmpty();
    }

    @Test
    void collectionsAreNotSortable() {
        assertThatThrownBy(() -> SqlOrderTranslator.translate(ODataOrderBy.parse("otherMails"), UserFilterSchema.USER))
                .isInstanceOfSatisfying(UnsupportedQueryException.class,
                        e -> assertThat(e.code()).isEqualTo(UnsupportedQueryException.UNSUPPORTED_QUERY))
                .hasMessage("Sorting by property 'otherMails' of resource 'User' is not supported.");
    }

    @Test
    void unknownPropertiesAreBadRequests() {
        assertThatThrownBy(() -> SqlOrderTranslator.translate(ODataOrderBy.parse("foo desc"), UserFilterSchema.USER))
                .isInstanceOfSatisfying(UnsupportedQueryException.class,
                        e -> assertThat(e.code()).isEqualTo(UnsupportedQueryException.BAD_REQUEST))
                .hasMessage("Could not find a property named 'foo' on type 'microsoft.graph.user'.");
    }
}
