package io.tenantsync.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenantsync.core.mapping.expression.Expression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappingConfigReaderTest {

    @Test
    void yamlConfigurationReadsEveryMappingKind() {
        MappingSet set = MappingConfigReader.read("""
                mappings:
                  - target: displayName
                    expression: Join(" ", [givenName], [surname])
                  - target: mail
                    source: "[mail]"
                    matchingPrecedence: 1
                  - target: companyName
                    constant: Contoso
                    apply: onCreateOnly
                  - target: usageLocation
                    default: US
                """);
        assertThat(set.mappings()).containsExactly(
                AttributeMapping.of("displayName", new MappingSource.Computed(Expression.parse("Join(\" \", [givenName], [surname])"))),
                AttributeMapping.of("mail", new MappingSource.Direct("mail")).withMatchingPrecedence(1),
                AttributeMapping.of("companyName", new MappingSource.Constant("Contoso")).withApply(ApplyMode.ON_CREATE_ONLY),
                AttributeMapping.of("usageLocation", new MappingSource.None()).withDefault("US"));
    }

    @Test
    void jsonConfigurationReadsLikeYaml() {
        MappingSet set = MappingConfigReader.read("""
                {"mappings": [{"target": "accountEnabled", "expression": "Not([IsSoftDeleted])", "apply": "ObjectAddOnly"}]}
                """);
        assertThat(set.mappings()).singleElement().extracting(AttributeMapping::apply).isEqualTo(ApplyMode.ON_CREATE_ONLY);
    }

    @Test
    void aBareListIsAcceptedAsTheMappings() {
        assertThat(MappingConfigReader.read("- target: city\n  source: city\n").mappings()).hasSize(1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            'mappings:\\n  - target: displayName\\n    expression: Jion([givenName], [surname])' | mapping 'displayName': unknown function 'Jion' at column 1
            'mappings:\\n  - target: displayName\\n    expression: Join(\\" \\", [givenName]'    | mapping 'displayName': expected ')' to close Join( opened at column 1, found the end of the expression at column 22
            'mappings:\\n  - target: displayName\\n    expresion: Join(\\" \\", [a], [b])'       | mapping 'displayName': unknown key 'expresion'
            'mappings:\\n  - target: city\\n    source: city\\n    apply: sometimes'           | mapping 'city': 'apply' must be always or onCreateOnly, not 'sometimes'
            'mappings:\\n  - source: city'                                                  | mapping #1: 'target' is missing
            'mappings:\\n  - target: city\\n    source: city\\n    constant: Paris'            | mapping 'city': give only one of source, constant, expression
            'mappings:\\n  - target: city\\n    source: city\\n    matchingPrecedence: -1'     | mapping 'city': 'matchingPrecedence' must be a whole number, 0 or more
            'mappings:\\n  - target: cty\\n    source: city'                                 | mapping 'cty': unknown target attribute 'cty'; did you mean 'city'?
            'extends: defaults\\nmappings: []'                                               | extends: unknown base 'defaults'
            'mapping:\\n  - target: city'                                                   | unknown key 'mapping' (expected extends, mappings)
            'mappings: [target: city'                                                       | the mappings configuration is not valid YAML at line 1
            '{"mappings": [}'                                                                 | the mappings configuration is not valid JSON at line 1, column 15
            """)
    void badConfigurationIsRefusedWithAMessageNamingTheMappingAndReason(String yaml, String expected) {
        MappingConfigException error = catchThrowableOfType(
                () -> MappingConfigReader.read(yaml.replace("\\n", "\n").replace("\\\"", "\"")), MappingConfigException.class);
        assertThat(error).as(yaml).isNotNull();
        assertThat(error.getMessage()).contains(expected);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        MappingConfigException error = catchThrowableOfType(() -> MappingConfigReader.read("""
                mappings:
                  - target: displayName
                    expression: Jion([a])
                  - target: mail
                    expression: Mid([mail], 1)
                  - target: cty
                    source: city
                """), MappingConfigException.class);
        assertThat(error.problems()).containsExactly(
                "mapping 'displayName': unknown function 'Jion' at column 1",
                "mapping 'mail': Mid takes 3 arguments, got 2 at column 1",
                "mapping 'cty': unknown target attribute 'cty'; did you mean 'city'?");
        assertThat(error.getMessage()).startsWith("3 problems in the attribute mappings:\n  mapping 'displayName'");
    }
}
