package io.tenantsync.emulator.invitations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalUpnTest {
    @Test
    void replacesTheAtSignAndAppendsTheExtMarkerAndInitialDomain() {
        String prefix = ExternalUpn.prefix("alias@domain.com");
        assertThat(ExternalUpn.upn(prefix, 0, "fabrikam.onmicrosoft.com")).isEqualTo("alias_domain.com#EXT#@fabrikam.onmicrosoft.com");
    }

    @Test
    void replacesCharactersAUpnLocalPartCannotHold() {
        assertThat(ExternalUpn.prefix("a+b#c@Contoso.COM")).isEqualTo("a_b_c_contoso.com");
    }

    @Test
    void numbersACollidingPrefixBeforeTheMarker() {
        assertThat(ExternalUpn.upn("alias_domain.com", 2, "fabrikam.onmicrosoft.com")).isEqualTo("alias_domain.com2#EXT#@fabrikam.onmicrosoft.com");
    }

    @Test
    void keepsTheLocalPartWithinTheDirectoryLimit() {
        String upn = ExternalUpn.upn("x".repeat(200), 12, "fabrikam.onmicrosoft.com");
        assertThat(upn.substring(0, upn.indexOf('@'))).hasSize(113).endsWith("12#EXT#");
        assertThat(ExternalUpn.mailNickname(upn)).hasSize(64);
    }
}
