package io.tenantsync.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class ExternalUpnFormatPropertiesTest {

    private static final ExternalUpnFormat FORMAT = new ExternalUpnFormat("fabrikam.onmicrosoft.com");

    @Property
    void everyCandidateIsAValidEntraUpn(@ForAll @StringLength(min = 1, max = 120) String local,
                                        @ForAll @StringLength(min = 1, max = 60) String domain,
                                        @ForAll @IntRange(min = 1, max = ExternalUpnFormat.MAX_CANDIDATES) int ordinal) {
        String upn = FORMAT.format(local.replace("@", "x").strip() + "x@" + domain.replace("@", "y") + "y", ordinal);
        int at = upn.indexOf('@');
        assertThat(upn.lastIndexOf('@')).isEqualTo(at);
        assertThat(at).isBetween(ExternalUpnFormat.EXTERNAL_MARKER.length() + 1, ExternalUpnFormat.MAX_LOCAL_PART);
        assertThat(upn.length()).isLessThanOrEqualTo(113);
        assertThat(upn.substring(0, at)).matches("[A-Za-z0-9'._!#^~-]*#EXT#");
        assertThat(upn.charAt(at - 1)).isNotEqualTo('.');
        assertThat(upn.substring(at + 1)).isEqualTo("fabrikam.onmicrosoft.com");
    }

    @Property
    void distinctOrdinalsGiveDistinctCandidates(@ForAll @StringLength(min = 1, max = 100) String local,
                                                @ForAll @IntRange(min = 1, max = 99) int ordinal) {
        String address = local.replace("@", "x") + "x@example.com";
        assertThat(FORMAT.format(address, ordinal)).isNotEqualToIgnoringCase(FORMAT.format(address, ordinal + 1));
    }
}
