package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.core.mapping.AttributeMapping;
import io.tenantsync.core.mapping.MappingConfigReader;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.AttributeChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CTS user schema ↔ SCIM User translation a {@link ScimTargetDirectory} writes and reads. */
class ScimTargetDirectoryAttributesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = ScimTargetDirectoryAttributes.ENTERPRISE;

    private static Attributes ada() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("displayName", "Ada Lovelace");
        values.put("givenName", "Ada");
        values.put("surname", "Lovelace");
        values.put("mail", "ada@contoso.com");
        values.put("mailNickname", "ada");
        values.put("accountEnabled", true);
        values.put("jobTitle", "Analyst");
        values.put("department", "Research");
        values.put("employeeId", "E-1");
        values.put("companyName", "Contoso");
        values.put("manager", "scim-id-of-the-manager");
        values.put("city", "London");
        values.put("country", "GB");
        values.put("telephoneNumber", "+44 20 0000");
        values.put("mobile", "+44 7700 0000");
        values.put("preferredLanguage", "en-GB");
        values.put("userPrincipalName", "ada_contoso.com#EXT#@fabrikam.onmicrosoft.com");
        values.put("showInAddressList", "true");
        values.put("extensionAttribute1", "x");
        return Attributes.of(values);
    }

    @Test
    void aCreatedUserIsEntrasScimShapeWithTheInvitedAddressAsUserName() throws Exception {
        ObjectNode user = ScimTargetDirectoryAttributes.userForCreate("ada@contoso.com", "Member", ada());

        assertThat(user.path("schemas")).extracting(JsonNode::asText)
                .containsExactly(ScimTargetDirectoryAttributes.CORE_USER, ENTERPRISE);
        assertThat(user.path("userName").asText()).isEqualTo("ada@contoso.com");
        assertThat(user.path("userType").asText()).isEqualTo("Member");
        assertThat(user.path("active").booleanValue()).isTrue();
        assertThat(user.path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(user.at("/name/givenName").asText()).isEqualTo("Ada");
        assertThat(user.at("/name/familyName").asText()).isEqualTo("Lovelace");
        assertThat(user.path("title").asText()).isEqualTo("Analyst");
        assertThat(user.path("externalId").asText()).isEqualTo("ada");
        assertThat(user.path("nickName").asText()).isEqualTo("ada");
        assertThat(user.path("preferredLanguage").asText()).isEqualTo("en-GB");
        assertThat(user.path("emails")).hasSize(1);
        assertThat(user.at("/emails/0").toString())
                .isEqualTo("{\"type\":\"work\",\"primary\":true,\"value\":\"ada@contoso.com\"}");
        assertThat(user.at("/addresses/0/type").asText()).isEqualTo("work");
        assertThat(user.at("/addresses/0/locality").asText()).isEqualTo("London");
        assertThat(user.at("/addresses/0/country").asText()).isEqualTo("GB");
        assertThat(user.path("phoneNumbers")).extracting(p -> p.path("type").asText() + "=" + p.path("value").asText())
                .containsExactlyInAnyOrder("work=+44 20 0000", "mobile=+44 7700 0000");
        JsonNode enterprise = user.path(ENTERPRISE);
        assertThat(enterprise.path("department").asText()).isEqualTo("Research");
        assertThat(enterprise.path("employeeNumber").asText()).isEqualTo("E-1");
        assertThat(enterprise.path("organization").asText()).isEqualTo("Contoso");
        assertThat(enterprise.at("/manager/value").asText()).isEqualTo("scim-id-of-the-manager");
        assertThat(user.toString()).as("attributes without a SCIM home are not sent")
                .doesNotContain("#EXT#").doesNotContain("showInAddressList").doesNotContain("extensionAttribute1");
    }

    @Test
    void aDisabledSourceCreatesAnInactiveUser() {
        ObjectNode user = ScimTargetDirectoryAttributes.userForCreate("a@b.c", "Guest",
                Attributes.of("accountEnabled", "False", "displayName", "A"));
        assertThat(user.path("active").booleanValue()).isFalse();
        assertThat(user.has(ENTERPRISE)).isFalse();
        assertThat(user.path("schemas")).hasSize(1);
    }

    @Test
    void readingBackWhatWasCreatedGivesTheSupportedAttributesUnchanged() {
        Attributes written = ada();
        ObjectNode user = ScimTargetDirectoryAttributes.userForCreate("ada@contoso.com", "Member", written);
        user.put("id", "u-1");

        Attributes read = ScimTargetDirectoryAttributes.read(user);
        for (String name : written.names()) {
            if (ScimTargetDirectoryAttributes.supports(name)) {
                assertThat(read.get(name)).as(name).isEqualTo(written.get(name));
            } else {
                assertThat(read.has(name)).as(name).isFalse();
            }
        }
        assertThat(read.get("userType")).isEqualTo("Member");
        assertThat(read.get("otherMails")).isEqualTo(List.of("ada@contoso.com"));
    }

    @Test
    void aUserWithoutActiveIsEnabledAndEntrasStringFalseIsDisabled() throws Exception {
        assertThat(ScimTargetDirectoryAttributes.read(JSON.readTree("{\"userName\":\"a@b.c\"}")).get("accountEnabled"))
                .isEqualTo(true);
        assertThat(ScimTargetDirectoryAttributes.read(JSON.readTree("{\"userName\":\"a@b.c\",\"active\":\"False\"}"))
                .get("accountEnabled")).isEqualTo(false);
    }

    @Test
    void readingTakesTypedItemsByTypeAndIgnoresEmptyValues() throws Exception {
        JsonNode user = JSON.readTree("""
                {"userName":"a@b.c","title":"",
                 "emails":[{"type":"home","value":"home@b.c"},{"type":"work","value":"work@b.c"}],
                 "phoneNumbers":[{"type":"fax","value":"123"}]}""");
        Attributes read = ScimTargetDirectoryAttributes.read(user);
        assertThat(read.get("mail")).isEqualTo("work@b.c");
        assertThat(read.get("facsimileTelephoneNumber")).isEqualTo("123");
        assertThat(read.has("telephoneNumber")).isFalse();
        assertThat(read.has("jobTitle")).isFalse();
    }

    @Test
    void aPatchAddsNewValuesReplacesChangedOnesAndRemovesClearedOnes() {
        ObjectNode patch = ScimTargetDirectoryAttributes.patchFor(List.of(
                new AttributeChange("department", "Research", "Sales"),
                new AttributeChange("jobTitle", null, "Lead"),
                new AttributeChange("mail", "old@contoso.com", "new@contoso.com"),
                new AttributeChange("telephoneNumber", "+1", null),
                new AttributeChange("manager", null, "m-2"),
                new AttributeChange("mailNickname", "a", "b"),
                new AttributeChange("accountEnabled", true, false),
                new AttributeChange("showInAddressList", null, "true"))).orElseThrow();

        assertThat(patch.path("schemas").get(0).asText()).isEqualTo(ScimTargetDirectoryAttributes.PATCH_OP);
        assertThat(patch.path("Operations")).extracting(JsonNode::toString).containsExactly(
                "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Sales\"}",
                "{\"op\":\"add\",\"path\":\"title\",\"value\":\"Lead\"}",
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@contoso.com\"}",
                "{\"op\":\"remove\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].value\"}",
                "{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":{\"value\":\"m-2\"}}",
                "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"b\"}",
                "{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"b\"}",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}");
    }

    @Test
    void changesOnlyToAttributesWithoutASCimHomeMakeNoPatch() {
        assertThat(ScimTargetDirectoryAttributes.patchFor(List.of(
                new AttributeChange("userPrincipalName", "a", "b"),
                new AttributeChange("extensionAttribute3", null, "x")))).isEmpty();
    }

    @Test
    void theMappingsForAScimTargetKeepWhatASCimUserHoldsAndTheMatchingRow() {
        MappingSet scim = ScimTargetDirectory.mappingsFor(MappingSet.ctsDefaults());
        assertThat(scim.mappings()).extracting(AttributeMapping::target)
                .contains("alternativeSecurityIds", "IsSoftDeleted", "accountEnabled", "displayName", "mail",
                        "department", "employeeId", "manager", "mailNickname", "userType", "city")
                .doesNotContain("userPrincipalName", "showInAddressList");
        assertThat(scim.matchingMappings()).extracting(AttributeMapping::target)
                .containsExactly("alternativeSecurityIds");

        MappingSet custom = ScimTargetDirectory.mappingsFor(MappingConfigReader.read("""
                {"extends": "cts-defaults", "mappings": [{"target": "companyName", "constant": "Contoso (Synced)"},
                 {"target": "extensionAttribute1", "source": "employeeId"}]}"""));
        assertThat(custom.mapping("companyName")).isPresent();
        assertThat(custom.mapping("extensionAttribute1")).isEmpty();
    }
}
