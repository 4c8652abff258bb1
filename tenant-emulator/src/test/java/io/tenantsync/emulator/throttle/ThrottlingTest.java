package io.tenantsync.emulator.throttle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.emulator.graph.GraphRequest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.tenantsync.emulator.throttle.RequestCostTest.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttling profiles with an injected clock and tenant size. */
class ThrottlingTest {
    static final long S = 1_000_000_000L;
    static final String T1 = "11111111-1111-4111-8111-111111111111";
    static final String T2 = "22222222-2222-4222-8222-222222222222";

    final AtomicLong now = new AtomicLong(0);
    final AtomicInteger users = new AtomicInteger(10);
    final Throttling throttling = new Throttling(t -> users.get(), now::get);
    final ObjectMapper json = new ObjectMapper();

    ThrottleSettings settings(String body) throws Exception {
        return ThrottleSettings.parse(json.readTree(body));
    }

    @Test
    void offAdmitsEverythingButStillPricesIt() {
        for (int i = 0; i < 100_000; i++) {
            Throttling.Decision d = throttling.admit(T1, "app", req("GET", "users"));
            assertThat(d.throttled()).isNull();
        }
        assertThat(throttling.admit(T1, "app", req("GET", "users")).cost().resourceUnits()).isEqualTo(2);
    }

    @Test
    void sizeClassesFollowTheDocumentedUserCounts() {
        assertThat(Throttling.SizeClass.of(0)).isEqualTo(Throttling.SizeClass.S);
        assertThat(Throttling.SizeClass.of(49)).isEqualTo(Throttling.SizeClass.S);
        assertThat(Throttling.SizeClass.of(50)).isEqualTo(Throttling.SizeClass.M);
        assertThat(Throttling.SizeClass.of(500)).isEqualTo(Throttling.SizeClass.M);
        assertThat(Throttling.SizeClass.of(501)).isEqualTo(Throttling.SizeClass.L);
        assertThat(Throttling.SizeClass.L.resourceUnitsPer10s()).isEqualTo(8_000);
    }

    @Test
    void documentedSmallTenantAllows3500UnitsPer10SecondsThenSaysWhenToRetry() throws Exception {
        throttling.configure(settings("{\"profile\":\"graph-documented\"}"));
        GraphRequest list = req("GET", "users"); // 2 RU
        for (int i = 0; i < 1_750; i++) assertThat(throttling.admit(T1, "app", list).throttled()).isNull();
        Throttling.Decision refused = throttling.admit(T1, "app", list);
        assertThat(refused.throttled()).isNotNull();
        // 350 RU refill per second: 2 RU take 1/175 s, rounded up to a whole second
        assertThat(refused.throttled().retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.throttled().scope()).isEqualTo("Tenant_Application/ReadWrite/app/" + T1);
        assertThat(refused.throttled().information()).isEqualTo("ResourceUnitLimitExceeded");
        // a refused request is not charged: after 1/175 s exactly one more listing fits
        now.addAndGet(S / 175 + 1);
        assertThat(throttling.admit(T1, "app", list).throttled()).isNull();
        assertThat(throttling.admit(T1, "app", list).throttled()).isNotNull();
        // another app of the same tenant and the same app in another tenant have their own budgets
        assertThat(throttling.admit(T1, "other", list).throttled()).isNull();
        assertThat(throttling.admit(T2, "app", list).throttled()).isNull();
    }

    @Test
    void largerTenantsGetTheLargerBudget() throws Exception {
        users.set(600);
        throttling.configure(settings("{\"profile\":\"graph-documented\"}"));
        GraphRequest get = req("GET", "users/abc");
        for (int i = 0; i < 8_000; i++) assertThat(throttling.admit(T1, "app", get).throttled()).isNull();
        assertThat(throttling.admit(T1, "app", get).throttled()).isNotNull();
    }

    @Test
    void documentedWritesAre3000Per150SecondsPerAppAndTenant() throws Exception {
        users.set(600); // RU budget 8000 per 10 s, so the write budget binds first
        throttling.configure(settings("{\"profile\":\"graph-documented\"}"));
        GraphRequest create = req("POST", "users");
        for (int i = 0; i < 3_000; i++) {
            assertThat(throttling.admit(T1, "app", create).throttled()).isNull();
            if (i % 500 == 499) now.addAndGet(1); // keep time still for all practical purposes
        }
        Throttling.Decision refused = throttling.admit(T1, "app", create);
        assertThat(refused.throttled().information()).isEqualTo("WriteLimitExceeded");
        assertThat(refused.throttled().scope()).isEqualTo("Tenant_Application/Write/app/" + T1);
        assertThat(refused.throttled().retryAfterSeconds()).isEqualTo(1); // 20 writes/s refill
        // reads still pass while writes are refused
        assertThat(throttling.admit(T1, "app", req("GET", "users/abc")).throttled()).isNull();
    }

    @Test
    void documentedTenantWideWritesAre18000Per5MinutesAcrossApps() throws Exception {
        users.set(600);
        throttling.configure(settings("{\"profile\":\"graph-documented\"}"));
        GraphRequest patch = req("PATCH", "users/abc");
        int admitted = 0;
        // seven apps at 3000 writes each would be 21000; the tenant allows 18000 in the window
        for (int app = 0; app < 7; app++) {
            for (int i = 0; i < 3_000; i++) {
                if (i % 1_000 == 0) now.addAndGet(S / 1_000); // spread a little so RU buckets never bind
                if (throttling.admit(T1, "app" + app, patch).throttled() == null) admitted++;
            }
        }
        assertThat(admitted).isBetween(18_000, 18_010);
        Throttling.Decision refused = throttling.admit(T1, "app-new", patch);
        assertThat(refused.throttled().scope()).isEqualTo("Tenant/Write/app-new/" + T1);
    }

    @Test
    void customProfileAllowsTheBurstThenRefillsAtTheRate() throws Exception {
        throttling.configure(settings("{\"profile\":\"custom\",\"requestsPerSecond\":0.5,\"burst\":2}"));
        GraphRequest get = req("GET", "users/abc");
        assertThat(throttling.admit(T1, "app", get).throttled()).isNull();
        assertThat(throttling.admit(T1, "app", get).throttled()).isNull();
        Throttling.Decision refused = throttling.admit(T1, "app", get);
        assertThat(refused.throttled().retryAfterSeconds()).isEqualTo(2);
        assertThat(refused.throttled().information()).isEqualTo("RequestLimitExceeded");
        now.addAndGet(S); // half a token
        assertThat(throttling.admit(T1, "app", get).throttled().retryAfterSeconds()).isEqualTo(1);
        now.addAndGet(S);
        assertThat(throttling.admit(T1, "app", get).throttled()).isNull();
    }

    @Test
    void customTenantScopeIsSharedByAppsAndCanOmitRetryAfter() throws Exception {
        throttling.configure(settings("{\"profile\":\"custom\",\"requestsPerSecond\":1,\"scope\":\"tenant\",\"sendRetryAfter\":false}"));
        GraphRequest get = req("GET", "users/abc");
        assertThat(throttling.admit(T1, "a", get).throttled()).isNull();
        Throttling.Decision refused = throttling.admit(T1, "b", get);
        assertThat(refused.throttled().retryAfterSeconds()).isNull();
        assertThat(refused.throttled().scope()).isEqualTo("Tenant/ReadWrite/b/" + T1);
    }

    @Test
    void customWriteLimitOnlyChargesWrites() throws Exception {
        throttling.configure(settings("{\"profile\":\"custom\",\"requestsPerSecond\":100,\"writesPerSecond\":1}"));
        assertThat(throttling.admit(T1, "a", req("POST", "users")).throttled()).isNull();
        assertThat(throttling.admit(T1, "a", req("POST", "users")).throttled().information()).isEqualTo("WriteLimitExceeded");
        assertThat(throttling.admit(T1, "a", req("GET", "users")).throttled()).isNull();
    }

    @Test
    void reconfiguringRefillsEveryBucket() throws Exception {
        throttling.configure(settings("{\"profile\":\"custom\",\"requestsPerSecond\":1}"));
        throttling.admit(T1, "a", req("GET", "users"));
        assertThat(throttling.admit(T1, "a", req("GET", "users")).throttled()).isNotNull();
        throttling.configure(settings("{\"profile\":\"custom\",\"requestsPerSecond\":1}"));
        assertThat(throttling.admit(T1, "a", req("GET", "users")).throttled()).isNull();
        throttling.reset();
        assertThat(throttling.settings()).isEqualTo(ThrottleSettings.OFF);
    }

    @Test
    void invalidSettingsAreRefusedWithAReason() {
        for (String bad : new String[]{"{}", "{\"profile\":\"fast\"}", "{\"profile\":\"custom\"}",
                "{\"profile\":\"custom\",\"requestsPerSecond\":0}", "{\"profile\":\"custom\",\"requestsPerSecond\":\"5\"}",
                "{\"profile\":\"custom\",\"requestsPerSecond\":5,\"scope\":\"world\"}",
                "{\"profile\":\"custom\",\"requestsPerSecond\":5,\"writeBurst\":3}",
                "{\"profile\":\"off\",\"requestsPerSecond\":5}", "[]"}) {
            assertThatThrownBy(() -> settings(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
