package io.tenantsync.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.scope.ScopeConfig.AssignmentMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeConfigTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static ScopeConfig yaml(String text) throws Exception {
        return YAML.readValue(text, ScopeConfig.class);
    }

    @Test
    void yamlConfigurationCompilesIntoAnEvaluator() throws Exception {
        ScopeConfig config = yaml("""
                assignment: ASSIGNED
                assignedGroups: [ g-sales ]
                filters:
                  - title: Sales
                    clauses:
                      - { attribute: department, operator: EQUALS, value: Sales }
                      - { attribute: accountEnabled, operator: IS TRUE }
                  - clauses:
                      - { attribute: employeeId, operator: Greater_Than, value: 1000 }
                """);
        assertThat(config.problems()).isEmpty();
        ScopeEvaluator evaluator = config.toEvaluator();
        assertThat(evaluator.filters().filters()).extracting(ScopingFilter::title)
                .containsExactly("Sales", "Scoping filter 2");
        assertThat(evaluator.evaluate(new ScopeSubject("u1", Set.of("G-SALES"),
                Attributes.of("department", "Sales", "accountEnabled", true))).inScope()).isTrue();
        assertThat(evaluator.evaluate(new ScopeSubject("u1", Set.of("g-sales"),
                Attributes.of("employeeId", "999"))).inScope()).isFalse();
    }

    @Test
    void jsonConfigurationWithNumericValueReadsTheSame() throws Exception {
        ScopeConfig config = new ObjectMapper().readValue("""
                {"assignment":"ALL_USERS","filters":[{"title":"Senior","clauses":[
                  {"attribute":"level","operator":"Greater_Than_OR_EQUALS","value":5}]}]}
                """, ScopeConfig.class);
        ScopeEvaluator evaluator = config.toEvaluator();
        assertThat(evaluator.assignment()).isInstanceOf(AssignmentScope.AllUsers.class);
        assertThat(evaluator.evaluate(new ScopeSubject("u", Set.of(), Attributes.of("level", 5))).inScope()).isTrue();
    }

    @Test
    void omittedFieldsMeanAssignedScopeAndNoFilters() throws Exception {
        ScopeConfig config = yaml("assignedUsers: [ u1 ]\n");
        assertThat(config.assignment()).isEqualTo(AssignmentMode.ASSIGNED);
        assertThat(config.filters()).isEmpty();
        ScopeEvaluator evaluator = config.toEvaluator();
        assertThat(evaluator.evaluate(new ScopeSubject("u1", Set.of(), Attributes.empty())).inScope()).isTrue();
        assertThat(evaluator.evaluate(new ScopeSubject("u2", Set.of(), Attributes.empty())).inScope()).isFalse();
    }

    @Test
    void everyProblemIsListedNamingFilterAndClause() throws Exception {
        ScopeConfig config = yaml("""
                assignment: ALL_USERS
                assignedUsers: [ u1 ]
                filters:
                  - title: Broken
                    clauses:
                      - { attribute: department, operator: LIKE, value: Sales }
                      - { attribute: upn, operator: REGEX MATCH, value: "([a-z" }
                      - { attribute: employeeId, operator: Greater_Than, value: ten }
                      - { attribute: department, operator: EQUALS }
                  - title: Empty
                  - title: Broken
                    clauses:
                      - { attribute: city, operator: IS NOT NULL }
                """);
        assertThat(config.problems()).containsExactly(
                "assignedUsers and assignedGroups are ignored when assignment is ALL_USERS; remove them or set"
                        + " assignment to ASSIGNED",
                "scoping filter 'Broken', clause 1: scoping clause department LIKE 'Sales': unknown operator 'LIKE'",
                "scoping filter 'Broken', clause 2: scoping clause upn REGEX MATCH '([a-z': invalid regular expression"
                        + " (Unclosed character class near index 4)",
                "scoping filter 'Broken', clause 3: scoping clause employeeId Greater_Than 'ten': Greater_Than compares"
                        + " integers, but 'ten' is not an integer",
                "scoping filter 'Broken', clause 4: scoping clause department EQUALS: the operator needs a value",
                "scoping filter 'Empty' has no clauses",
                "scoping filter 'Broken': another filter has the same title");
        assertThatThrownBy(config::toEvaluator).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid scope configuration: ")
                .hasMessageContaining("unknown operator 'LIKE'");
    }

    @Test
    void emptyEntriesAreReportedNotThrownWhileReading() throws Exception {
        ScopeConfig config = yaml("""
                assignedGroups: [ "" ]
                filters:
                  -
                  - title: Ok
                    clauses:
                      -
                """);
        assertThat(config.problems()).containsExactly(
                "assignedGroups contains an empty id",
                "scoping filter 1 is empty",
                "scoping filter 'Ok', clause 1: the clause is empty");
    }
}
