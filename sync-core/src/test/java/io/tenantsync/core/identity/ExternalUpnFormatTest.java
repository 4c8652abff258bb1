package io.tenantsync.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalUpnFormatTest {

    private static final ExternalUpnFormat CONTOSO = new ExternalUpnFormat("contoso.onmicrosoft.com");
    private static final ExternalUpnFormat FABRIKAM = new ExternalUpnFormat("fabrikam.onmicrosoft.com");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // documented examples (entra-semantics §4.5)
        "user.upn@otherdomain.com,   user.upn_otherdomain.com#EXT#@contoso.onmicrosoft.com",
        "user.mail@domain.com,       user.mail_domain.com#EXT#@contoso.onmicrosoft.com",
        // case is kept; surrounding blanks are not
        "' Ada.Lovelace@Fabrikam.com ', Ada.Lovelace_Fabrikam.com#EXT#@contoso.onmicrosoft.com",
        // every allowed special character passes through
        "o'brien-x_y!z#1^2~3@b.example, o'brien-x_y!z#1^2~3_b.example#EXT#@contoso.onmicrosoft.com",
        // anything else becomes _
        "first+tag@gmail.com,        first_tag_gmail.com#EXT#@contoso.onmicrosoft.com",
        "a&b$c%d@e.example,          a_b_c_d_e.example#EXT#@contoso.onmicrosoft.com",
        "'first last@e.example',     first_last_e.example#EXT#@contoso.onmicrosoft.com",
        // accents are dropped rather than turned into _
        "josé.müller@e.example,      jose.muller_e.example#EXT#@contoso.onmicrosoft.com",
        "王@e.example,               __e.example#EXT#@contoso.onmicrosoft.com",
        // an address that is already external keeps its prefix instead of doubling the marker
        "alias_theirdomain.com#EXT#@yourdomain.onmicrosoft.com, alias_theirdomain.com#EXT#@contoso.onmicrosoft.com",
        "alias_theirdomain.com#ext#@yourdomain.onmicrosoft.com, alias_theirdomain.com#EXT#@contoso.onmicrosoft.com",
    })
    void sourceAddressBecomesPrefixWithUnderscoreThenExtMarkerAndTargetDomain(String source, String expected) {
        assertThat(CONTOSO.format(source)).isEqualTo(expected);
    }

    @Test
    void documentedGuestExampleForFabrikam() {
        assertThat(FABRIKAM.format("guestuser1@contoso.com")).isEqualTo("guestuser1_contoso.com#EXT#@fabrikam.onmicrosoft.com");
    }

    @Test
    void localPartIsCutToSixtyFourCharactersIncludingTheMarker() {
        String source = "a".repeat(70) + "@example.com";
        String upn = CONTOSO.format(source);
        String localPart = upn.substring(0, upn.indexOf('@'));
        assertThat(localPart).hasSize(64).isEqualTo("a".repeat(59) + "#EXT#");
        assertThat(upn.length()).isLessThanOrEqualTo(113);
    }

    @Test
    void prefixThatFitsExactlyIsKeptWhole() {
        String source = "a".repeat(46) + "@example.com"; // prefix a…a_example.com = 59 characters
        assertThat(CONTOSO.format(source)).isEqualTo("a".repeat(46) + "_example.com#EXT#@contoso.onmicrosoft.com");
    }

    @Test
    void disambiguatedCandidatesPutTheOrdinalBeforeTheMarker() {
        assertThat(CONTOSO.format("ada@fabrikam.com", 1)).isEqualTo("ada_fabrikam.com#EXT#@contoso.onmicrosoft.com");
        assertThat(CONTOSO.format("ada@fabrikam.com", 2)).isEqualTo("ada_fabrikam.com_2#EXT#@contoso.onmicrosoft.com");
        assertThat(CONTOSO.format("ada@fabrikam.com", 17)).isEqualTo("ada_fabrikam.com_17#EXT#@contoso.onmicrosoft.com");
    }

    @Test
    void disambiguatedCandidateOfALongPrefixCutsThePrefixNotTheOrdinal() {
        String upn = CONTOSO.format("b".repeat(80) + "@example.com", 12);
        assertThat(upn).isEqualTo("b".repeat(56) + "_12#EXT#@contoso.onmicrosoft.com");
        assertThat(upn.indexOf('@')).isEqualTo(64);
    }

    @Test
    void firstAvailableSkipsTakenUpnsIgnoringCase() {
        Set<String> taken = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        taken.add("ADA_fabrikam.com#EXT#@contoso.onmicrosoft.com");
        taken.add("ada_fabrikam.com_2#EXT#@contoso.onmicrosoft.com");
        assertThat(CONTOSO.firstAvailable("ada@fabrikam.com", taken::contains))
                .contains("ada_fabrikam.com_3#EXT#@contoso.onmicrosoft.com");
        assertThat(CONTOSO.firstAvailable("grace@fabrikam.com", taken::contains))
                .contains("grace_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    }

    @Test
    void firstAvailableIsDeterministicForTwoSourcesCutToTheSamePrefix() {
        String first = "c".repeat(70) + "@one.example";
        String second = "c".repeat(70) + "@two.example";
        Set<String> taken = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        taken.add(CONTOSO.firstAvailable(first, taken::contains).orElseThrow());
        assertThat(CONTOSO.firstAvailable(second, taken::contains))
                .contains("c".repeat(57) + "_2#EXT#@contoso.onmicrosoft.com");
    }

    @Test
    void firstAvailableGivesUpAfterTheLastCandidate() {
        assertThat(CONTOSO.firstAvailable("ada@fabrikam.com", upn -> true)).isEmpty();
    }

    @Test
    void candidatesAreNumberedFromOne() {
        assertThatThrownBy(() -> CONTOSO.format("ada@fabrikam.com", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "@fabrikam.com", "ada@", ""})
    void somethingThatIsNotAnAddressIsRefused(String source) {
        assertThatThrownBy(() -> CONTOSO.format(source))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "contoso", "contoso..onmicrosoft.com", "-contoso.onmicrosoft.com", "con toso.com",
        "a@contoso.onmicrosoft.com"})
    void targetDomainMustBeADomainName(String domain) {
        assertThatThrownBy(() -> new ExternalUpnFormat(domain)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetDomainLongerThanFortyEightCharactersIsRefused() {
        String domain = "d".repeat(33) + ".onmicrosoft.com"; // 49 characters
        assertThatThrownBy(() -> new ExternalUpnFormat(domain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48");
        assertThat(new ExternalUpnFormat("d".repeat(32) + ".onmicrosoft.com").targetDomain()).hasSize(48);
    }
}
