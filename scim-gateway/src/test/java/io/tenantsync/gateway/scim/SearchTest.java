package io.tenantsync.gateway.scim;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Filters, sorting and paging over Users, answered from the store's indexes. */
class SearchTest {
    static GatewayFixture gw;
    static Instant beforeSeed;

    @BeforeAll
    static void seed() throws InterruptedException {
        gw = GatewayFixture.start();
        beforeSeed = Instant.now().minusSeconds(1);
        for (int i = 1; i <= 12; i++) {
            gw.alpha().body("""
                    {"userName":"page%02d@contoso.com","externalId":"ext-%02d","displayName":"Person %02d","active":%s,"title":"T%d",
                     "emails":[{"type":"work","value":"page%02d@contoso.com"},{"type":"home","value":"home%02d@home.example"}],
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"%s","employeeNumber":"E%02d"}}
                    """.formatted(i, i, i, i % 3 != 0, i % 2, i, i, i % 2 == 0 ? "Sales" : "Ops", i)).post("/Users").then().statusCode(201);
        }
    }

    @AfterAll
    static void stop() { gw.close(); }

    private static List<String> userNames(String filter) {
        return gw.alpha().queryParam("filter", filter).queryParam("count", 100).get("/Users").then().statusCode(200)
                .extract().path("Resources.userName");
    }

    private static int total(String filter) {
        return gw.alpha().queryParam("filter", filter).get("/Users").then().statusCode(200).extract().path("totalResults");
    }

    @Test
    void userNameEqualityIgnoresCase() {
        gw.alpha().queryParam("filter", "userName eq \"PAGE01@CONTOSO.COM\"").get("/Users").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].userName", equalTo("page01@contoso.com"))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse")))
                .body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(1));
    }

    @Test
    void noMatchIs200WithEmptyResources() {
        gw.alpha().queryParam("filter", "userName eq \"00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"").get("/Users").then().statusCode(200)
                .body("totalResults", equalTo(0)).body("Resources", equalTo(List.of()));
    }

    @Test
    void externalIdEqualityMatches() {
        org.assertj.core.api.Assertions.assertThat(userNames("externalId eq \"ext-03\"")).containsExactly("page03@contoso.com");
    }

    @Test
    void everyComparisonOperatorWorks() {
        org.assertj.core.api.Assertions.assertThat(total("userName ne \"page01@contoso.com\"")).isEqualTo(11);
        org.assertj.core.api.Assertions.assertThat(total("userName co \"GE1\"")).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(total("userName sw \"page0\"")).isEqualTo(9);
        org.assertj.core.api.Assertions.assertThat(total("userName ew \"2@contoso.com\"")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(total("externalId pr")).isEqualTo(12);
        org.assertj.core.api.Assertions.assertThat(total("userName gt \"page10@contoso.com\"")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(total("userName ge \"page10@contoso.com\"")).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(total("userName lt \"page03@contoso.com\"")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(total("userName le \"page03@contoso.com\"")).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(total("active eq false")).isEqualTo(4);
    }

    @Test
    void logicalOperatorsAndGroupingCombine() {
        org.assertj.core.api.Assertions.assertThat(total("userName sw \"page0\" and active eq true")).isEqualTo(6);
        org.assertj.core.api.Assertions.assertThat(total("externalId eq \"ext-01\" or externalId eq \"ext-02\"")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(total("userName sw \"page\" and not (active eq true)")).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThat(total("(externalId eq \"ext-01\" or externalId eq \"ext-12\") and active eq false")).isEqualTo(1);
    }

    @Test
    void complexEmailFilterMatchesWithinOneEmail() {
        org.assertj.core.api.Assertions.assertThat(userNames("emails[type eq \"work\" and value co \"page07\"]")).containsExactly("page07@contoso.com");
        org.assertj.core.api.Assertions.assertThat(total("emails[type eq \"home\" and value co \"page07\"]")).isEqualTo(0);
        org.assertj.core.api.Assertions.assertThat(total("emails.value eq \"HOME05@home.example\"")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(total("emails[type eq \"work\" and value co \"@\"]")).isEqualTo(12);
    }

    @Test
    void enterpriseExtensionAttributesFilterByUrnAlongsideAnIndexedPart() {
        org.assertj.core.api.Assertions.assertThat(total("userName sw \"page\" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\""))
                .isEqualTo(6);
        org.assertj.core.api.Assertions.assertThat(userNames("externalId eq \"ext-04\" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"E04\""))
                .containsExactly("page04@contoso.com");
    }

    @Test
    void aFilterWithNoIndexedPartIsRefusedAsInvalidFilter() {
        gw.alpha().queryParam("filter", "title eq \"T1\"").get("/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter")).body("detail", org.hamcrest.Matchers.containsString("index"));
        gw.alpha().queryParam("filter", "userName sw \"page\" or title eq \"T1\"").get("/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
    }

    @Test
    void metaDatesFilter() {
        org.assertj.core.api.Assertions.assertThat(total("meta.created gt \"" + beforeSeed + "\" and userName sw \"page\"")).isEqualTo(12);
        org.assertj.core.api.Assertions.assertThat(total("meta.lastModified lt \"" + beforeSeed + "\"")).isEqualTo(0);
    }

    @Test
    void badFiltersAre400InvalidFilter() {
        for (String f : List.of("userName eq", "userName zz \"x\"", "shoeSize eq 9", "active gt true", "meta.created gt \"yesterday\"", "((userName eq \"a\"")) {
            gw.alpha().queryParam("filter", f).get("/Users").then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        }
    }

    @Test
    void pagesOfFiveCoverElevenOrMoreUsersWithExactTotals() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (int start = 1; start <= 11; start += 5) {
            List<String> page = gw.alpha().queryParam("filter", "userName sw \"page\"").queryParam("startIndex", start).queryParam("count", 5)
                    .get("/Users").then().statusCode(200)
                    .body("totalResults", equalTo(12)).body("startIndex", equalTo(start))
                    .extract().path("Resources.userName");
            seen.addAll(page);
        }
        org.assertj.core.api.Assertions.assertThat(seen).hasSize(12).doesNotHaveDuplicates();
        gw.alpha().queryParam("startIndex", 11).queryParam("count", 5).queryParam("filter", "userName sw \"page\"").get("/Users")
                .then().body("itemsPerPage", equalTo(2));
    }

    @Test
    void countZeroReturnsOnlyTheTotal() {
        gw.alpha().queryParam("count", 0).get("/Users").then().statusCode(200)
                .body("totalResults", equalTo(12)).body("$", not(hasKey("Resources")));
    }

    @Test
    void pageSizeIsCappedAtTheAdvertisedMaximum() {
        gw.alpha().queryParam("count", 100000).get("/Users").then().statusCode(200).body("itemsPerPage", equalTo(12));
    }

    @Test
    void sortByAndSortOrderOrderResults() {
        List<String> descending = gw.alpha().queryParam("sortBy", "userName").queryParam("sortOrder", "descending").queryParam("count", 3)
                .get("/Users").then().statusCode(200).extract().path("Resources.userName");
        org.assertj.core.api.Assertions.assertThat(descending).containsExactly("page12@contoso.com", "page11@contoso.com", "page10@contoso.com");
    }

    @Test
    void sortingByAnAttributeWithoutAColumnSortsTheFilteredMatchesInMemory() {
        List<String> byDepartmentThenCreation = gw.alpha().queryParam("filter", "userName sw \"page0\"")
                .queryParam("sortBy", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")
                .queryParam("sortOrder", "descending").queryParam("startIndex", 4).queryParam("count", 3)
                .get("/Users").then().statusCode(200).body("totalResults", equalTo(9))
                .extract().path("Resources.userName");
        // page0x: Sales for even x (4 of them), then Ops; the page starts at the 4th
        org.assertj.core.api.Assertions.assertThat(byDepartmentThenCreation)
                .containsExactly("page08@contoso.com", "page01@contoso.com", "page03@contoso.com");
        List<String> titles = gw.alpha().queryParam("sortBy", "title").queryParam("count", 100).get("/Users").then().statusCode(200)
                .extract().path("Resources.title");
        org.assertj.core.api.Assertions.assertThat(titles).isSorted();
    }

    @Test
    void dotSearchPerTypeAndAtTheRootTakeTheSameParameters() {
        gw.alpha().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName sw \\"page0\\"",
                 "attributes":["userName"],"startIndex":1,"count":2,"sortBy":"userName"}
                """).post("/Users/.search").then().statusCode(200)
                .body("totalResults", equalTo(9)).body("Resources.userName", equalTo(List.of("page01@contoso.com", "page02@contoso.com")))
                .body("Resources[0]", not(hasKey("emails")));
        gw.alpha().body("{\"filter\":\"externalId eq \\\"ext-05\\\"\"}").post("/.search").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].meta.resourceType", equalTo("User"));
    }

    @Test
    void listsCarryAbsoluteMetaLocation() {
        gw.alpha().queryParam("filter", "externalId eq \"ext-09\"").get("/Users").then()
                .body("Resources[0].meta.location", org.hamcrest.Matchers.startsWith(gw.baseUrl() + "/Users/"));
    }

    @Test
    void anotherConnectionSeesNoneOfThisConnectionsUsers() {
        gw.beta().queryParam("filter", "userName sw \"page\"").get("/Users").then().statusCode(200).body("totalResults", equalTo(0));
        String id = gw.alpha().queryParam("filter", "externalId eq \"ext-01\"").get("/Users").then().extract().path("Resources[0].id");
        gw.beta().get("/Users/" + id).then().statusCode(404);
        gw.beta().delete("/Users/" + id).then().statusCode(404);
        gw.beta().body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"pwned\"}]}").patch("/Users/" + id).then().statusCode(404);
        gw.beta().body("{\"userName\":\"page01@contoso.com\"}").post("/Users").then().statusCode(201); // unique per connection only
        gw.alpha().get("/Users/" + id).then().statusCode(200).body("title", equalTo("T1"));
    }
}
