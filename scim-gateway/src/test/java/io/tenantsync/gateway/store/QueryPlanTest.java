package io.tenantsync.gateway.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.scim2.common.filters.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The searches clients send most read an index led by connection and type, also when the statement is prepared on an
 * empty store: HSQLDB keeps a prepared statement's plan, and a plan chosen while the store was small must not become
 * a scan of every resource once it holds 100k.
 */
class QueryPlanTest {
    private final Database db = Database.inMemory();
    private final ResourceStore store = new ResourceStore(db, new ObjectMapper());

    @AfterEach
    void close() {
        db.close();
    }

    private String plan(ResourceType type, String filter) throws Exception {
        return store.explainPage(new ResourceQuery("alpha", Optional.of(type), Optional.of(Filter.fromString(filter)), Optional.empty(),
                SortOrder.ASCENDING, 1, 200));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "USER  | userName eq \"ada@contoso.com\"                 | SR_TYPE_USER_NAME",
            "USER  | externalId eq \"e-1\"                            | SR_TYPE_EXTERNAL_ID",
            "GROUP | displayName eq \"Engineers\"                     | SR_TYPE_DISPLAY_NAME"})
    void anEqualityFilterWithinATypeReadsItsTypeScopedIndexOnAnEmptyStore(ResourceType type, String filter, String index) throws Exception {
        String plan = plan(type, filter);
        assertThat(plan).contains("table=SCIM_RESOURCE").contains("index=" + index + "\n");
    }

    @Test
    void userNameEqualityAtTheRootReadsTheUserNameIndex() throws Exception {
        String plan = store.explainPage(new ResourceQuery("alpha", Optional.empty(), Optional.of(Filter.fromString("userName eq \"ada@contoso.com\"")),
                Optional.empty(), SortOrder.ASCENDING, 1, 200));
        assertThat(plan).contains("index=SR_USER_NAME\n");
    }
}
