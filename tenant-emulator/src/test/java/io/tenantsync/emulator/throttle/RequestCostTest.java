package io.tenantsync.emulator.throttle;

import io.tenantsync.emulator.graph.GraphRequest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resource-unit and write costs of Microsoft's identity-and-access throttling table. */
class RequestCostTest {
    static GraphRequest req(String method, String path, String... query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) q.put(query[i], query[i + 1]);
        List<String> segments = path.isEmpty() ? List.of() : Arrays.asList(path.split("/"));
        return new GraphRequest(method, "v1.0", segments, q, Map.of(), null, "https://x/v1.0", "r");
    }

    static RequestCost cost(String method, String path, String... query) {
        return RequestCost.of(req(method, path, query));
    }

    @Test
    void unlistedReadsCostOneUnitAndNoWrite() {
        assertThat(cost("GET", "users/abc")).isEqualTo(new RequestCost(1, 0));
        assertThat(cost("GET", "groups")).isEqualTo(new RequestCost(1, 0));
        assertThat(cost("GET", "users/delta")).isEqualTo(new RequestCost(1, 0));
    }

    @Test
    void unlistedWritesCostOneUnitAndOneWrite() {
        assertThat(cost("POST", "users")).isEqualTo(new RequestCost(1, 1));
        assertThat(cost("PATCH", "users/abc")).isEqualTo(new RequestCost(1, 1));
        assertThat(cost("PUT", "users/abc/manager/$ref")).isEqualTo(new RequestCost(1, 1));
        assertThat(cost("DELETE", "users/abc")).isEqualTo(new RequestCost(1, 1));
    }

    @Test
    void listedPathsHaveTheirDocumentedBaseCost() {
        assertThat(cost("GET", "users")).isEqualTo(new RequestCost(2, 0));
        assertThat(cost("GET", "groups/g1/members")).isEqualTo(new RequestCost(3, 0));
        assertThat(cost("GET", "groups/g1/transitiveMembers")).isEqualTo(new RequestCost(5, 0));
        assertThat(cost("POST", "directoryObjects/getByIds")).isEqualTo(new RequestCost(3, 0));
        assertThat(cost("POST", "directoryObjects/graph.getByIds")).isEqualTo(new RequestCost(3, 0));
        assertThat(cost("GET", "applications")).isEqualTo(new RequestCost(2, 0));
        assertThat(cost("GET", "subscribedSkus")).isEqualTo(new RequestCost(3, 0));
    }

    @Test
    void meCostsApplyToUsersByIdAndBackwards() {
        assertThat(cost("GET", "users/abc/memberOf")).isEqualTo(new RequestCost(2, 0));
        assertThat(cost("GET", "me/memberOf")).isEqualTo(new RequestCost(2, 0));
        assertThat(cost("POST", "users/abc/checkMemberGroups")).isEqualTo(new RequestCost(4, 0));
    }

    @Test
    void queryOptionsAdjustTheCostButNeverBelowOne() {
        assertThat(cost("GET", "groups/g1/transitiveMembers", "$select", "id")).isEqualTo(new RequestCost(4, 0));
        assertThat(cost("GET", "groups/g1/transitiveMembers", "$expand", "manager")).isEqualTo(new RequestCost(6, 0));
        assertThat(cost("GET", "groups/g1/transitiveMembers", "$top", "10")).isEqualTo(new RequestCost(4, 0));
        assertThat(cost("GET", "groups/g1/transitiveMembers", "$top", "20")).isEqualTo(new RequestCost(5, 0));
        assertThat(cost("GET", "groups/g1/transitiveMembers", "$select", "id", "$top", "5")).isEqualTo(new RequestCost(3, 0));
        assertThat(cost("GET", "users", "$select", "id,displayName", "$top", "5")).isEqualTo(new RequestCost(1, 0));
        assertThat(cost("GET", "users/abc", "$select", "id")).isEqualTo(new RequestCost(1, 0));
        assertThat(cost("GET", "users/abc", "select", "id", "top", "1")).isEqualTo(new RequestCost(1, 0));
        assertThat(cost("GET", "users", "$top", "not-a-number")).isEqualTo(new RequestCost(2, 0));
    }
}
