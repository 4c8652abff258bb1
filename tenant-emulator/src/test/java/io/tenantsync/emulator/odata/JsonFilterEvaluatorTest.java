package io.tenantsync.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFilterEvaluatorTest {
    private static JsonNode user;

    @BeforeAll
    static void readUser() throws Exception {
        user = new ObjectMapper().readTree("""
                {
                  "id": "8f1e2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                  "displayName": "Ann Lee",
                  "mail": "Ann@Contoso.com",
                  "accountEnabled": true,
                  "createdDateTime": "2024-01-10T08:00:00Z",
                  "age": 42,
                  "jobTitle": null,
                  "userType": "Member",
                  "otherMails": ["ann@other.com", "ANN@third.org"],
                  "proxyAddresses": [],
                  "identities": [
                    {"signInType": "emailAddress", "issuer": "contoso.com", "issuerAssignedId": "other@contoso.com"},
                    {"signInType": "federated", "issuer": "facebook.com", "issuerAssignedId": "ann@contoso.com"}
                  ],
                  "onPremisesExtensionAttributes": {"extensionAttribute1": "Blue", "extensionAttribute2": null}
                }
                """);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "mail eq 'ann@CONTOSO.com'                                          | true",
            "mail ne 'ann@contoso.com'                                          | false",
            "MAIL eq 'ann@contoso.com'                                          | true",
            "tolower(mail) eq 'ann@contoso.com'                                 | true",
            "displayName gt 'an'                                                | true",
            "displayName lt 'an'                                                | false",
            "jobTitle eq null                                                   | true",
            "jobTitle ne 'x'                                                    | true",
            "jobTitle eq 'x'                                                    | false",
            "jobTitle gt 'x'                                                    | false",
            "unknownProperty eq null                                            | true",
            "unknownProperty eq 'x'                                             | false",
            "mail eq null                                                       | false",
            "mail ne null                                                       | true",
            "id eq 8F1E2A3B-1C2D-4E5F-8A9B-0C1D2E3F4A5B                         | true",
            "startsWith(mail,'ANN')                                             | true",
            "endsWith(mail,'.COM')                                              | true",
            "contains(displayName,'n l')                                        | true",
            "startsWith(jobTitle,'a')                                           | false",
            "not(startsWith(jobTitle,'a'))                                      | true",
            "accountEnabled eq true                                             | true",
            "accountEnabled ne true                                             | false",
            "age gt 40                                                          | true",
            "age eq 42 and age le 42                                            | true",
            "createdDateTime ge 2024-01-01T00:00:00Z                            | true",
            "createdDateTime lt 2024-01-10T08:00:00Z                            | false",
            "createdDateTime eq 2024-01-10T09:00:00+01:00                       | true",
            "createdDateTime eq '2024-01-10T10:00:00+02:00'                     | true",
            "userType in ('guest','MEMBER')                                     | true",
            "userType in ('guest')                                              | false",
            "onPremisesExtensionAttributes/extensionAttribute1 eq 'blue'        | true",
            "onPremisesExtensionAttributes/extensionAttribute2 eq null          | true",
            "onPremisesExtensionAttributes/extensionAttribute3 ne 'blue'        | true",
            "otherMails/any(x:x eq 'ann@third.org')                             | true",
            "otherMails/any(x:startsWith(x,'bob'))                              | false",
            "otherMails/all(x:contains(x,'ann@'))                               | true",
            "otherMails/all(x:endsWith(x,'.com'))                               | false",
            "proxyAddresses/any(x:x eq 'a')                                     | false",
            "proxyAddresses/all(x:x eq 'a')                                     | true",
            "otherMails/$count eq 2                                             | true",
            "proxyAddresses/$count eq 0                                         | true",
            "missingCollection/$count eq 0                                      | true",
            "identities/any(c:c/issuerAssignedId eq 'ann@contoso.com' and c/issuer eq 'facebook.com') | true",
            "identities/any(c:c/issuerAssignedId eq 'ann@contoso.com' and c/issuer eq 'contoso.com')  | false",
            "identities/any(c:c/unknown eq null and c/ISSUER eq 'contoso.com')  | true",
            "mail eq 'x' or not(userType eq 'guest')                            | true",
            "mail eq 'x' or userType eq 'guest' and accountEnabled eq true      | false",
            "mail eq true                                                       | false",
            "mail ne true                                                       | true",
    })
    void evaluatesFiltersOverGraphJson(String filter, boolean expected) {
        assertThat(JsonFilterEvaluator.matches(ODataFilterParser.parse(filter), user)).isEqualTo(expected);
    }

    @Test
    void nonObjectEntitiesReadEveryPropertyAsNull() throws Exception {
        JsonNode array = new ObjectMapper().readTree("[1,2]");
        assertThat(JsonFilterEvaluator.matches(ODataFilterParser.parse("mail eq null"), array)).isTrue();
        assertThat(JsonFilterEvaluator.matches(ODataFilterParser.parse("mail eq 'x'"), array)).isFalse();
    }
}
