package io.tenantsync.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.model.Attributes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopingFilterSetTest {

    private static final ScopingFilter SALES_IN_EMEA = ScopingFilter.of("Sales in EMEA",
            ScopingClause.of("department", "EQUALS", "Sales"),
            ScopingClause.of("country", "EQUALS", "FR"));
    private static final ScopingFilter ENGINEERS = ScopingFilter.of("Engineers",
            ScopingClause.of("jobTitle", "REGEX MATCH", "^Engineer"));
    private static final ScopingFilterSet FILTERS = ScopingFilterSet.of(SALES_IN_EMEA, ENGINEERS);

    @ParameterizedTest(name = "department={0} country={1} jobTitle={2} -> {3}")
    @CsvSource({
        "Sales, FR, ,              true",   // first filter: both clauses true
        "Sales, DE, ,              false",  // first filter: one clause false, second filter false
        "R&D,   DE, Engineer II,   true",   // second filter alone
        "Sales, DE, Engineer II,   true",   // either filter suffices
        ",      ,   ,              false",
    })
    void clausesAreAndedWithinAFilterAndFiltersAreOred(String department, String country, String jobTitle,
                                                       boolean expected) {
        Attributes source = Attributes.empty().with("department", department).with("country", country)
                .with("jobTitle", jobTitle);
        assertThat(FILTERS.matches(source)).isEqualTo(expected);
    }

    @Test
    void noFiltersPutsEverythingInScope() {
        assertThat(ScopingFilterSet.everything().matches(Attributes.empty())).isTrue();
        assertThat(ScopingFilterSet.everything().explainMismatch(Attributes.empty())).isEmpty();
    }

    @Test
    void mismatchNamesTheFirstFalseClauseOfEveryFilter() {
        Attributes source = Attributes.of("department", "Sales", "country", "DE", "jobTitle", "Manager");
        assertThat(FILTERS.explainMismatch(source)).contains(
                "scoping filter 'Sales in EMEA' failed: country EQUALS 'FR' is false (country is 'DE'); "
                        + "scoping filter 'Engineers' failed: jobTitle REGEX MATCH '^Engineer' is false (jobTitle is 'Manager')");
    }

    @Test
    void evaluationResultIsKeyedLikeEntrasScopeEvaluationResult() {
        Attributes source = Attributes.of("department", "Sales", "country", "DE");
        assertThat(FILTERS.evaluationResult(source)).containsExactly(
                java.util.Map.entry("Sales in EMEA.department EQUALS 'Sales'", true),
                java.util.Map.entry("Sales in EMEA.country EQUALS 'FR'", false),
                java.util.Map.entry("Engineers.jobTitle REGEX MATCH '^Engineer'", false));
    }

    @Test
    void aFilterWithoutClausesIsRefusedRatherThanMatchingEveryone() {
        assertThatThrownBy(() -> new ScopingFilter("Empty", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Empty' has no clauses");
    }

    @Test
    void twoFiltersWithTheSameTitleAreRefused() {
        assertThatThrownBy(() -> ScopingFilterSet.of(ENGINEERS, ENGINEERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Engineers'");
    }
}
