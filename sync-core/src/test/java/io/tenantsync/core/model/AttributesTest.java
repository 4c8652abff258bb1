package io.tenantsync.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void namesAreCaseInsensitiveAndKeepTheirSpelling() {
        Attributes attributes = Attributes.of("displayName", "Ada");
        assertThat(attributes.get("DISPLAYNAME")).isEqualTo("Ada");
        assertThat(attributes.names()).containsExactly("displayName");
        assertThat(attributes.with("DisplayName", "Grace").names()).containsExactly("DisplayName");
    }

    @Test
    void nullValuesAreAbsentSoEqualityComparesWhatIsThere() {
        Attributes withNull = Attributes.of(Map.of("mail", "a@b.example")).with("department", null);
        assertThat(withNull).isEqualTo(Attributes.of("MAIL", "a@b.example"));
        assertThat(withNull.has("department")).isFalse();
    }

    @Test
    void valuesAreNormalisedToStringsBooleansLongsAndLists() {
        Attributes attributes = Attributes.of("n", 3, "multi", List.of("a", "b"), "flag", true);
        assertThat(attributes.get("n")).isEqualTo(3L);
        assertThat(attributes.getAll("multi")).containsExactly("a", "b");
        assertThat(attributes.getString("flag")).isEqualTo("True");
        assertThat(attributes.getAll("missing")).isEmpty();
    }

    @Test
    void unsupportedValueTypesAreRefusedNamingTheAttribute() {
        assertThatThrownBy(() -> Attributes.of("when", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("when");
    }
}
