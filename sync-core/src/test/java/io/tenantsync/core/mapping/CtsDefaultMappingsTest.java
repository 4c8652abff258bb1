package io.tenantsync.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.model.Attributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtsDefaultMappingsTest {

    private static final Attributes SOURCE_USER = Attributes.of(
            "objectId", "6f1c3f5e-0000-4000-8000-000000000001",
            "netId", "10032001A2B3C4D5",
            "IsSoftDeleted", false,
            "accountEnabled", true,
            "displayName", "Ada Lovelace",
            "givenName", "Ada",
            "surname", "Lovelace",
            "mail", "ada@contoso.example",
            "mailNickname", "ada",
            "userPrincipalName", "ada@contoso.example",
            "department", "Research",
            "city", "London",
            "country", "UK",
            "preferredLanguage", "en-GB",
            "manager", "6f1c3f5e-0000-4000-8000-000000000002",
            "proxyAddresses", List.of("SMTP:ada@contoso.example"));

    @Test
    void ctsDefaultsProduceTheExpectedTargetForASampleUser() {
        MappingResult result = MappingSet.ctsDefaults().apply(SOURCE_USER, EvaluationContext.system());
        assertThat(result.target().always()).isEqualTo(Attributes.of(
                "alternativeSecurityIds", "10032001A2B3C4D5",
                "IsSoftDeleted", false,
                "accountEnabled", true,
                "displayName", "Ada Lovelace",
                "givenName", "Ada",
                "surname", "Lovelace",
                "mail", "ada@contoso.example",
                "mailNickname", "ada",
                "userPrincipalName", "ada@contoso.example",
                "department", "Research",
                "city", "London",
                "country", "UK",
                "preferredLanguage", "en-GB",
                "manager", "6f1c3f5e-0000-4000-8000-000000000002",
                "showInAddressList", true));
        assertThat(result.target().createOnly()).isEqualTo(Attributes.of("userType", "Member"));
        assertThat(result.matching()).containsExactly(new MatchingValue("alternativeSecurityIds", 1, "10032001A2B3C4D5"));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void ctsMatchesOnlyOnTheAlternativeSecurityIdFromNetId() {
        assertThat(MappingSet.ctsDefaults().matchingMappings()).singleElement().satisfies(mapping -> {
            assertThat(mapping.target()).isEqualTo("alternativeSecurityIds");
            assertThat(mapping.source().expressionText()).isEqualTo("AltSecIdFromNetId([netId])");
        });
    }

    @Test
    void userTypeIsMemberOnCreateOnlyByDefault() {
        assertThat(MappingSet.ctsDefaults().mapping("userType")).get().satisfies(mapping -> {
            assertThat(mapping.source()).isEqualTo(new MappingSource.Constant("Member"));
            assertThat(mapping.source().expressionText()).isEqualTo("\"Member\"");
            assertThat(mapping.apply()).isEqualTo(ApplyMode.ON_CREATE_ONLY);
        });
    }

    @Test
    void tenantOfOriginIsAddedAsACompanyNameConstant() {
        MappingSet set = MappingConfigReader.read("""
                extends: cts-defaults
                mappings:
                  - target: companyName
                    constant: Contoso
                """);
        assertThat(set.apply(SOURCE_USER, EvaluationContext.system()).target().always().get("companyName"))
                .isEqualTo("Contoso");
        assertThat(set.mappings()).hasSize(MappingSet.ctsDefaults().mappings().size() + 1);
    }

    @Test
    void existingGuestsBecomeMembersOnlyWhenUserTypeAppliesAlways() {
        MappingSet set = MappingConfigReader.read("""
                extends: cts-defaults
                mappings:
                  - target: userType
                    constant: Member
                    apply: always
                """);
        MappingResult result = set.apply(SOURCE_USER, EvaluationContext.system());
        assertThat(result.target().always().get("userType")).isEqualTo("Member");
        assertThat(result.target().createOnly().has("userType")).isFalse();
    }

    @Test
    void changingTheCtsMatchingAttributeIsSchemaInvalid() {
        assertThatThrownBy(() -> MappingConfigReader.read("""
                extends: cts-defaults
                mappings:
                  - target: mail
                    source: mail
                    matchingPrecedence: 2
                """))
                .isInstanceOf(MappingConfigException.class)
                .hasMessageStartingWith("mapping 'mail': schemaInvalid: cross-tenant sync matches users only on alternativeSecurityIds");
    }
}
