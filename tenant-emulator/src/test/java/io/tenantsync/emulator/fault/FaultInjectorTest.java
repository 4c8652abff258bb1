package io.tenantsync.emulator.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.config.EmulatorConfig;
import io.tenantsync.emulator.config.TenantConfig;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphPipeline;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fault rules: parsing, matching, which requests they hit, and what the client gets. */
class FaultInjectorTest {
    static final EmulatorConfig CONFIG = EmulatorFixture.config();
    static final TenantConfig CONTOSO = CONFIG.tenant("contoso").orElseThrow();
    static final TenantConfig FABRIKAM = CONFIG.tenant("fabrikam").orElseThrow();
    final ObjectMapper json = new ObjectMapper();
    final List<Long> slept = new ArrayList<>();
    final FaultInjector faults = new FaultInjector(new Random(7), slept::add);
    final AtomicInteger handled = new AtomicInteger();

    FaultRule rule(String body) throws Exception {
        return FaultRule.parse(json.readTree(body), CONFIG);
    }

    /** Runs one request through the injector in front of a handler that counts and answers 200. */
    int call(TenantConfig tenant, String method, String path) {
        GraphRequest req = new GraphRequest(method, "v1.0", Arrays.asList(path.split("/")), Map.of(), Map.of(), null, "https://x/v1.0", "r");
        Caller caller = new Caller(tenant, "app", "App", Set.of());
        GraphPipeline.Chain chain = new GraphPipeline.Chain() {
            @Override public GraphRequest request() { return req; }
            @Override public Caller caller() { return caller; }
            @Override public boolean inner() { return false; }
            @Override public GraphResponse proceed(GraphRequest r, Caller c) {
                handled.incrementAndGet();
                return GraphResponse.noContent();
            }
        };
        try {
            return faults.intercept(chain).status();
        } catch (GraphException e) {
            return e.status();
        }
    }

    @Test
    void globsMatchWithinAndAcrossSegmentsCaseInsensitively() {
        assertThat(Glob.compile("/v1.0/users/*").matcher("/v1.0/Users/abc").matches()).isTrue();
        assertThat(Glob.compile("/v1.0/users/*").matcher("/v1.0/users/abc/manager").matches()).isFalse();
        assertThat(Glob.compile("/v1.0/users/**").matcher("/v1.0/users/abc/manager").matches()).isTrue();
        assertThat(Glob.compile("/v1.0/users").matcher("/v1.0/users/abc").matches()).isFalse();
        assertThat(Glob.compile("/*/users/?bc").matcher("/beta/users/abc").matches()).isTrue();
        assertThat(Glob.compile("/v1.0/$batch").matcher("/v1.0/$batch").matches()).isTrue();
    }

    @Test
    void countHitsTheFirstNMatchingRequestsThenLetsThemThrough() throws Exception {
        faults.add(rule("{\"match\":{\"method\":\"GET\",\"pathPattern\":\"/v1.0/users/*\"},\"action\":{\"status\":429,\"retryAfterSeconds\":1,\"count\":2}}"));
        assertThat(call(CONTOSO, "POST", "users")).isEqualTo(204); // not matching: not counted
        assertThat(call(CONTOSO, "GET", "users/a")).isEqualTo(429);
        assertThat(call(CONTOSO, "GET", "users/b")).isEqualTo(429);
        assertThat(call(CONTOSO, "GET", "users/c")).isEqualTo(204);
        assertThat(handled).hasValue(2);
        assertThat(faults.list(json).get(0).get("matched").asInt()).isEqualTo(3);
        assertThat(faults.list(json).get(0).get("injected").asInt()).isEqualTo(2);
    }

    @Test
    void nthHitsOnlyTheNthMatchingRequest() throws Exception {
        faults.add(rule("{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":503,\"nth\":3}}"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) statuses.add(call(CONTOSO, "GET", "users"));
        assertThat(statuses).containsExactly(204, 204, 503, 204, 204);
    }

    @Test
    void tenantMatchConfinesARuleToOneTenant() throws Exception {
        faults.add(rule("{\"match\":{\"tenant\":\"fabrikam.onmicrosoft.com\",\"pathPattern\":\"/**\"},\"action\":{\"status\":500}}"));
        assertThat(call(CONTOSO, "GET", "users")).isEqualTo(204);
        assertThat(call(FABRIKAM, "GET", "users")).isEqualTo(500);
    }

    @Test
    void aRateRuleWithASeedHitsTheSameRequestsEveryTime() throws Exception {
        String body = "{\"match\":{\"pathPattern\":\"/v1.0/**\"},\"action\":{\"status\":504,\"rate\":0.3},\"seed\":12345}";
        List<Integer> first = new ArrayList<>();
        faults.add(rule(body));
        for (int i = 0; i < 200; i++) first.add(call(CONTOSO, "GET", "users"));
        faults.clear();
        faults.add(rule(body));
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < 200; i++) second.add(call(CONTOSO, "GET", "users"));
        assertThat(second).isEqualTo(first);
        long hits = first.stream().filter(s -> s == 504).count();
        assertThat(hits).isBetween(35L, 85L); // about 30 % of 200
    }

    @Test
    void rateZeroNeverHitsAndRateOneAlwaysHits() throws Exception {
        faults.add(rule("{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500,\"rate\":0}}"));
        faults.add(rule("{\"match\":{\"pathPattern\":\"/v1.0/groups\"},\"action\":{\"status\":503,\"rate\":1}}"));
        for (int i = 0; i < 50; i++) {
            assertThat(call(CONTOSO, "GET", "users")).isEqualTo(204);
            assertThat(call(CONTOSO, "GET", "groups")).isEqualTo(503);
        }
    }

    @Test
    void retryAfterIsSentOnlyWhenTheRuleGivesIt() throws Exception {
        assertThat(FaultInjector.fault(429, 3).headers()).containsEntry("Retry-After", "3");
        assertThat(FaultInjector.fault(429, null).headers()).doesNotContainKey("Retry-After");
        assertThat(FaultInjector.fault(429, null).code()).isEqualTo("TooManyRequests");
        assertThat(FaultInjector.fault(504, null).code()).isEqualTo("GatewayTimeout");
    }

    @Test
    void dropResponseRunsTheRequestThenAnswersGatewayTimeout() throws Exception {
        faults.add(rule("{\"match\":{\"method\":\"POST\",\"pathPattern\":\"/v1.0/users\"},\"action\":{\"dropResponse\":true,\"count\":1}}"));
        assertThat(call(CONTOSO, "POST", "users")).isEqualTo(504);
        assertThat(handled).hasValue(1);
        assertThat(call(CONTOSO, "POST", "users")).isEqualTo(204);
        assertThat(handled).hasValue(2);
    }

    @Test
    void latencyDelaysAndThenRunsTheRequest() throws Exception {
        faults.add(rule("{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"latencyMs\":250}}"));
        assertThat(call(CONTOSO, "GET", "users")).isEqualTo(204);
        assertThat(slept).containsExactly(250L);
        assertThat(handled).hasValue(1);
    }

    @Test
    void rulesCanBeListedFetchedAndDeleted() throws Exception {
        FaultRule r = rule("{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500}}");
        faults.add(r);
        assertThat(faults.get(r.id(), json)).get().satisfies(n -> assertThat(n.at("/action/status").asInt()).isEqualTo(500));
        assertThat(faults.remove(r.id())).isTrue();
        assertThat(faults.remove(r.id())).isFalse();
        assertThat(faults.list(json)).isEmpty();
        assertThat(call(CONTOSO, "GET", "users")).isEqualTo(204);
    }

    @Test
    void invalidRulesAreRefusedWithAReason() {
        for (String bad : new String[]{
                "[]", "{}", "{\"match\":{},\"action\":{\"status\":500}}",
                "{\"match\":{\"pathPattern\":\"users\"},\"action\":{\"status\":500}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":404}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500,\"rate\":1.5}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500,\"rate\":0.5,\"count\":2}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500,\"count\":0}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500,\"dropResponse\":true}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"retryAfterSeconds\":5,\"latencyMs\":5}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\",\"tenant\":\"nowhere\"},\"action\":{\"status\":500}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\",\"method\":\"TRACE\"},\"action\":{\"status\":500}}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":500},\"colour\":\"red\"}",
                "{\"match\":{\"pathPattern\":\"/v1.0/users\"},\"action\":{\"status\":\"500\"}}"}) {
            assertThatThrownBy(() -> rule(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
