package io.tenantsync.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.mapping.expression.Expression;
import io.tenantsync.core.mapping.expression.UniquenessProbe;
import io.tenantsync.core.model.Attributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MappingSetTest {

    private static final EvaluationContext CONTEXT = new EvaluationContext(
            Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), UUID::randomUUID, new Random(1),
            UniquenessProbe.nothingTaken());

    private static MappingSet set(AttributeMapping... mappings) {
        return MappingSet.of(List.of(mappings), UserSchema.entraUser());
    }

    private static AttributeMapping expression(String target, String text) {
        return AttributeMapping.of(target, new MappingSource.Computed(Expression.parse(text)));
    }

    @Test
    void directMappingCopiesTheSourceValue() {
        MappingResult result = set(AttributeMapping.of("displayName", new MappingSource.Direct("displayName")))
                .apply(Attributes.of("displayName", "Ada Lovelace"), CONTEXT);
        assertThat(result.target().always()).isEqualTo(Attributes.of("displayName", "Ada Lovelace"));
        assertThat(result.target().createOnly().isEmpty()).isTrue();
    }

    @Test
    void constantMappingFlowsItsValueWhateverTheSource() {
        MappingResult result = set(AttributeMapping.of("companyName", new MappingSource.Constant("Contoso")))
                .apply(Attributes.empty(), CONTEXT);
        assertThat(result.target().always().get("companyName")).isEqualTo("Contoso");
    }

    @Test
    void onCreateOnlyMappingFlowsOnlyIntoTheCreateAttributes() {
        MappingResult result = set(
                AttributeMapping.of("userType", new MappingSource.Constant("Member")).withApply(ApplyMode.ON_CREATE_ONLY),
                AttributeMapping.of("displayName", new MappingSource.Direct("displayName")))
                .apply(Attributes.of("displayName", "Ada"), CONTEXT);
        assertThat(result.target().always()).isEqualTo(Attributes.of("displayName", "Ada"));
        assertThat(result.target().createOnly()).isEqualTo(Attributes.of("userType", "Member"));
        assertThat(result.target().forCreate()).isEqualTo(Attributes.of("displayName", "Ada", "userType", "Member"));
    }

    @Test
    void defaultValueIsUsedOnlyOnCreateWhenTheSourceIsNull() {
        MappingSet set = set(AttributeMapping.of("jobTitle", new MappingSource.Direct("jobTitle")).withDefault("Employee"));
        MappingResult absent = set.apply(Attributes.empty(), CONTEXT);
        assertThat(absent.target().always().has("jobTitle")).isFalse();
        assertThat(absent.target().createOnly()).isEqualTo(Attributes.of("jobTitle", "Employee"));

        MappingResult present = set.apply(Attributes.of("jobTitle", "Engineer"), CONTEXT);
        assertThat(present.target().always()).isEqualTo(Attributes.of("jobTitle", "Engineer"));
        assertThat(present.target().createOnly().isEmpty()).isTrue();
    }

    @Test
    void defaultValueIsNotUsedForAnEmptyStringBecauseEmptyIsNotNull() {
        MappingResult result = set(AttributeMapping.of("jobTitle", new MappingSource.Direct("jobTitle")).withDefault("Employee"))
                .apply(Attributes.of("jobTitle", ""), CONTEXT);
        assertThat(result.target().always()).isEqualTo(Attributes.of("jobTitle", ""));
        assertThat(result.target().createOnly().isEmpty()).isTrue();
    }

    @Test
    void noneMappingLeavesTheTargetAloneButSetsItsDefaultOnCreate() {
        MappingResult result = set(AttributeMapping.of("usageLocation", new MappingSource.None()).withDefault("US"))
                .apply(Attributes.of("usageLocation", "DE"), CONTEXT);
        assertThat(result.target().always().isEmpty()).isTrue();
        assertThat(result.target().createOnly()).isEqualTo(Attributes.of("usageLocation", "US"));
    }

    @Test
    void ignoreFlowIfNullOrEmptyDropsTheAttributeAndItsDefault() {
        MappingSet set = set(expression("department", "IgnoreFlowIfNullOrEmpty([department])").withDefault("None"));
        MappingResult empty = set.apply(Attributes.of("department", ""), CONTEXT);
        assertThat(empty.target().forCreate().has("department")).isFalse();
        MappingResult absent = set.apply(Attributes.empty(), CONTEXT);
        assertThat(absent.target().forCreate().has("department")).isFalse();
        assertThat(set.apply(Attributes.of("department", "Sales"), CONTEXT).target().always().get("department"))
                .isEqualTo("Sales");
    }

    @Test
    void nullExpressionWithoutDefaultFlowsNothing() {
        MappingResult result = set(expression("mail", "Coalesce([mail], [otherMail])")).apply(Attributes.empty(), CONTEXT);
        assertThat(result.target().forCreate().isEmpty()).isTrue();
    }

    @Test
    void matchingAttributesComeInPrecedenceOrderAndSkipMissingValues() {
        MappingSet set = set(
                AttributeMapping.of("mail", new MappingSource.Direct("mail")).withMatchingPrecedence(2),
                AttributeMapping.of("employeeId", new MappingSource.Direct("employeeId")).withMatchingPrecedence(3),
                AttributeMapping.of("userPrincipalName", new MappingSource.Direct("userPrincipalName")).withMatchingPrecedence(1),
                AttributeMapping.of("displayName", new MappingSource.Direct("displayName")));
        assertThat(set.matchingMappings()).extracting(AttributeMapping::target)
                .containsExactly("userPrincipalName", "mail", "employeeId");
        MappingResult result = set.apply(Attributes.of("mail", "a@x.example", "employeeId", "42", "displayName", "A"), CONTEXT);
        assertThat(result.matching()).containsExactly(
                new MatchingValue("mail", 2, "a@x.example"), new MatchingValue("employeeId", 3, "42"));
        assertThat(set.apply(Attributes.of("displayName", "A"), CONTEXT).matching()).isEmpty();
    }

    @Test
    void exhaustedSelectUniqueValueIsReportedAsAProblem() {
        MappingSet set = set(expression("userPrincipalName", "SelectUniqueValue([a], [b])").withApply(ApplyMode.ON_CREATE_ONLY));
        EvaluationContext allTaken = CONTEXT.withUniqueness((attribute, value) -> true);
        MappingResult result = set.apply(Attributes.of("a", "x@c.example", "b", "y@c.example"), allTaken);
        assertThat(result.problems()).containsExactly(new MappingProblem("userPrincipalName",
                "SelectUniqueValue found every candidate taken: x@c.example, y@c.example"));
        assertThat(result.target().forCreate().has("userPrincipalName")).isFalse();

        EvaluationContext firstTaken = CONTEXT.withUniqueness(
                (attribute, value) -> attribute.equals("userPrincipalName") && value.equals("x@c.example"));
        assertThat(set.apply(Attributes.of("a", "x@c.example", "b", "y@c.example"), firstTaken).target().createOnly())
                .isEqualTo(Attributes.of("userPrincipalName", "y@c.example"));
    }

    @Test
    void valuesAreWrittenAsTheTargetAttributeTypeWants() {
        MappingResult result = set(
                AttributeMapping.of("showInAddressList", new MappingSource.Constant("true")),
                expression("accountEnabled", "Not([IsSoftDeleted])"),
                expression("businessPhones", "[telephoneNumber]"),
                expression("employeeHireDate", "CDate(\"2020-03-16-07:00\")"),
                expression("employeeId", "BitAnd(&HF, &HF7)"),
                expression("extension_abc123_level", "CBool(1)"))
                .apply(Attributes.of("IsSoftDeleted", false, "telephoneNumber", "+1 555"), CONTEXT);
        assertThat(result.target().always()).isEqualTo(Attributes.of(
                "showInAddressList", true,
                "accountEnabled", true,
                "businessPhones", List.of("+1 555"),
                "employeeHireDate", "2020-03-16T07:00:00Z",
                "employeeId", "7",
                "extension_abc123_level", true));
    }

    @Test
    void redactedTargetsAreKnownForLogs() {
        assertThat(set(expression("mail", "Redact([mail])"), expression("displayName", "[displayName]")).redactedTargets())
                .containsExactly("mail");
    }

    @Test
    void withReplacesTheMappingOfTheSameTarget() {
        MappingSet set = set(AttributeMapping.of("userType", new MappingSource.Constant("Member")).withApply(ApplyMode.ON_CREATE_ONLY))
                .with(AttributeMapping.of("userType", new MappingSource.Constant("Member")));
        assertThat(set.mappings()).hasSize(1);
        assertThat(set.mapping("usertype")).get().extracting(AttributeMapping::apply).isEqualTo(ApplyMode.ALWAYS);
    }

    @Test
    void invalidMappingsAreRefusedWithEveryProblemNamed() {
        assertThatThrownBy(() -> set(
                AttributeMapping.of("dispalyName", new MappingSource.Direct("displayName")),
                AttributeMapping.of("Mail", new MappingSource.Direct("mail")),
                AttributeMapping.of("proxyAddresses", new MappingSource.Direct("proxyAddresses")),
                AttributeMapping.of("jobTitle", new MappingSource.Direct("JobTitle")),
                expression("department", "Join(\" \", [department], [Surname])"),
                AttributeMapping.of("city", new MappingSource.Direct("city")).withMatchingPrecedence(1),
                AttributeMapping.of("state", new MappingSource.Direct("state")).withMatchingPrecedence(1),
                AttributeMapping.of("country", new MappingSource.Direct("country")),
                AttributeMapping.of("country", new MappingSource.Direct("country")),
                AttributeMapping.of("usageLocation", new MappingSource.None()),
                expression("userPrincipalName", "SelectUniqueValue([a], [b])").withMatchingPrecedence(2)))
                .isInstanceOf(MappingConfigException.class)
                .satisfies(e -> assertThat(((MappingConfigException) e).problems()).containsExactly(
                        "mapping 'dispalyName': unknown target attribute 'dispalyName'; did you mean 'displayName'?",
                        "mapping 'Mail': attribute names are case-sensitive: Mail should be mail",
                        "mapping 'proxyAddresses': 'proxyAddresses' can't be a target attribute: it is read-only in Microsoft Graph (use it as a source)",
                        "mapping 'jobTitle': attribute names are case-sensitive: [JobTitle] should be [jobTitle]",
                        "mapping 'department': attribute names are case-sensitive: [Surname] should be [surname] at column 25",
                        "mapping 'state': matching precedence 1 is already used by 'city'",
                        "mapping 'country': the target attribute is mapped more than once",
                        "mapping 'usageLocation': a mapping of type None needs a default value",
                        "mapping 'userPrincipalName': SelectUniqueValue can't be used on a matching attribute",
                        "mapping 'userPrincipalName': SelectUniqueValue must be applied only during object creation"));
    }

    @Test
    void extensionAttributesAreAcceptedAsTargets() {
        assertThat(set(AttributeMapping.of("extension_0123abcd_costCenter", new MappingSource.Direct("costCenter")))
                .apply(Attributes.of("costCenter", "C-1"), CONTEXT).target().always().get("extension_0123abcd_costCenter"))
                .isEqualTo("C-1");
    }
}
