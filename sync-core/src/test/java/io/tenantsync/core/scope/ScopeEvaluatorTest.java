package io.tenantsync.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.scope.ScopeDecision.ScopeCheck;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScopeEvaluatorTest {

    private static final String ADA = "11111111-aaaa-4aaa-8aaa-000000000001";
    private static final String ASSIGNED_GROUP = "22222222-bbbb-4bbb-8bbb-000000000002";
    private static final String NESTED_GROUP = "33333333-cccc-4ccc-8ccc-000000000003"; // a member of ASSIGNED_GROUP
    private static final String OTHER_GROUP = "44444444-dddd-4ddd-8ddd-000000000004";

    private static final AssignmentScope ASSIGNED = AssignmentScope.assigned(Set.of(ADA), Set.of(ASSIGNED_GROUP));

    private static Set<String> groups(String cell) {
        return cell == null ? Set.of() : Arrays.stream(cell.split("\\|")).map(ScopeEvaluatorTest::id)
                .collect(Collectors.toSet());
    }

    private static String id(String name) {
        return switch (name) {
            case "ADA" -> ADA;
            case "ADA_UPPER" -> ADA.toUpperCase();
            case "ASSIGNED_GROUP" -> ASSIGNED_GROUP;
            case "ASSIGNED_GROUP_UPPER" -> ASSIGNED_GROUP.toUpperCase();
            case "NESTED_GROUP" -> NESTED_GROUP;
            case "OTHER_GROUP" -> OTHER_GROUP;
            default -> "99999999-eeee-4eee-8eee-00000000000" + name.length();
        };
    }

    @ParameterizedTest(name = "{0}: user {1} in groups {2} -> {3}")
    @CsvSource({
        "directly assigned user,                  ADA,       ,                          true",
        "direct member of an assigned group,      BOB,       ASSIGNED_GROUP,            true",
        "member of one assigned group among others, BOB,     OTHER_GROUP|ASSIGNED_GROUP, true",
        "member only of a nested group,           BOB,       NESTED_GROUP,              false",
        "unassigned user in no group,             BOB,       ,                          false",
        "unassigned user in an unassigned group,  BOB,       OTHER_GROUP,               false",
        "ids compare ignoring case (user),        ADA_UPPER, ,                          true",
        "ids compare ignoring case (group),       BOB,       ASSIGNED_GROUP_UPPER,      true",
    })
    void assignedScopeCoversDirectAssignmentAndDirectGroupMembersOnly(String row, String user, String groupCell,
                                                                      boolean expected) {
        assertThat(ASSIGNED.includes(id(user), groups(groupCell))).as(row).isEqualTo(expected);
    }

    @ParameterizedTest(name = "all users: {0} in {1}")
    @CsvSource({"ADA, ", "BOB, ", "BOB, NESTED_GROUP"})
    void allUsersScopeCoversEveryone(String user, String groupCell) {
        assertThat(AssignmentScope.allUsers().includes(id(user), groups(groupCell))).isTrue();
    }

    @Test
    void nestedGroupMemberIsOutOfScopeWithTheAssignmentReason() {
        ScopeEvaluator evaluator = new ScopeEvaluator(ASSIGNED, ScopingFilterSet.everything());
        ScopeDecision decision = evaluator.evaluate(new ScopeSubject("bob", Set.of(NESTED_GROUP), Attributes.empty()));
        assertThat(decision).isInstanceOfSatisfying(ScopeDecision.OutOfScope.class, out -> {
            assertThat(out.failedCheck()).isEqualTo(ScopeCheck.ASSIGNED_TO_THE_APPLICATION);
            assertThat(out.failedCheck().label()).isEqualTo("Assigned to the application");
            assertThat(out.reason()).contains("nested groups does not count");
        });
    }

    @Test
    void assignedUserFailingAScopingFilterIsOutOfScopeNamingTheClause() {
        ScopeEvaluator evaluator = new ScopeEvaluator(ASSIGNED, ScopingFilterSet.of(
                ScopingFilter.of("Sales only", ScopingClause.of("department", "EQUALS", "Sales"))));
        ScopeDecision decision = evaluator.evaluate(
                new ScopeSubject(ADA, Set.of(), Attributes.of("department", "Marketing")));
        assertThat(decision.inScope()).isFalse();
        assertThat(decision).isInstanceOfSatisfying(ScopeDecision.OutOfScope.class, out -> {
            assertThat(out.failedCheck()).isEqualTo(ScopeCheck.SCOPING_FILTER_EVALUATION);
            assertThat(out.reason()).isEqualTo("scoping filter 'Sales only' failed: department EQUALS 'Sales' is false"
                    + " (department is 'Marketing')");
        });
    }

    @Test
    void assignedUserPassingAScopingFilterIsInScopeNamingTheFilter() {
        ScopeEvaluator evaluator = new ScopeEvaluator(ASSIGNED, ScopingFilterSet.of(
                ScopingFilter.of("Sales only", ScopingClause.of("department", "EQUALS", "Sales"))));
        ScopeDecision decision = evaluator.evaluate(
                new ScopeSubject("bob", Set.of(ASSIGNED_GROUP), Attributes.of("department", "Sales")));
        assertThat(decision).isEqualTo(new ScopeDecision.InScope("assigned; scoping filter 'Sales only' passed"));
    }

    @Test
    void allUsersWithoutFiltersPutsEveryoneInScope() {
        ScopeEvaluator evaluator = new ScopeEvaluator(AssignmentScope.allUsers(), ScopingFilterSet.everything());
        assertThat(evaluator.evaluate(new ScopeSubject("anyone", Set.of(), Attributes.empty())))
                .isEqualTo(new ScopeDecision.InScope("scope is all users; no scoping filters"));
    }

    @Test
    void unassignedUserIsOutOfScopeEvenWhenTheFiltersWouldPass() {
        ScopeEvaluator evaluator = new ScopeEvaluator(ASSIGNED, ScopingFilterSet.of(
                ScopingFilter.of("Sales only", ScopingClause.of("department", "EQUALS", "Sales"))));
        ScopeDecision decision = evaluator.evaluate(
                new ScopeSubject("bob", Set.of(OTHER_GROUP), Attributes.of("department", "Sales")));
        assertThat(decision).isInstanceOfSatisfying(ScopeDecision.OutOfScope.class,
                out -> assertThat(out.failedCheck()).isEqualTo(ScopeCheck.ASSIGNED_TO_THE_APPLICATION));
    }
}
