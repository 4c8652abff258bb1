package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.mapping.UserSchema;
import io.tenantsync.core.reconcile.AttributeChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Graph shapes CTS attribute changes are written as, and Retry-After as the failure carries it. */
class GraphUserAttributesTest {

    final GraphUserAttributes attributes = new GraphUserAttributes(UserSchema.entraUser());

    @Test
    void changesBecomeGraphPropertiesTypedByTheSchemaWithNullClearing() {
        var body = attributes.patchBody(List.of(
                new AttributeChange("showInAddressList", null, "True"),
                new AttributeChange("extensionAttribute3", null, "x"),
                new AttributeChange("extensionAttribute4", "y", null),
                new AttributeChange("telephoneNumber", null, "+1 555"),
                new AttributeChange("mobile", null, "+1 556"),
                new AttributeChange("physicalDeliveryOfficeName", "A", null),
                new AttributeChange("jobTitle", "Dev", null),
                new AttributeChange("manager", null, "m-1"),
                new AttributeChange("alternativeSecurityIds", null, "netid"),
                new AttributeChange("IsSoftDeleted", null, false),
                new AttributeChange("userPrincipalName", null, "ada@contoso.com")),
                upn -> upn.replace("@", "_") + "#EXT#@fabrikam.onmicrosoft.com");

        assertThat(body.toString()).isEqualTo("{\"showInAddressList\":true,"
                + "\"onPremisesExtensionAttributes\":{\"extensionAttribute3\":\"x\",\"extensionAttribute4\":null},"
                + "\"businessPhones\":[\"+1 555\"],\"mobilePhone\":\"+1 556\",\"officeLocation\":null,"
                + "\"jobTitle\":null,\"userPrincipalName\":\"ada_contoso.com#EXT#@fabrikam.onmicrosoft.com\"}");
    }

    @Test
    void onlyAManagerChangeLeavesAnEmptyBody() {
        List<AttributeChange> changes = List.of(new AttributeChange("manager", "m-1", null));
        assertThat(attributes.patchBody(changes, upn -> upn).isEmpty()).isTrue();
        assertThat(GraphUserAttributes.managerChange(changes).clears()).isTrue();
    }

    @Test
    void retryAfterIsReadAsSecondsFractionsIncludedOrAsAnHttpDate() {
        assertThat(GraphFailureClassifier.retryAfter(Map.of("retry-after", Set.of("2.5"))))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(GraphFailureClassifier.retryAfter(Map.of("Retry-After", Set.of("Thu, 01 Jan 1970 00:00:00 GMT"))))
                .isEqualTo(Duration.ZERO);
        assertThat(GraphFailureClassifier.retryAfter(Map.of("Retry-After", Set.of("soon")))).isNull();
        assertThat(GraphFailureClassifier.retryAfter(Map.of())).isNull();
    }
}
