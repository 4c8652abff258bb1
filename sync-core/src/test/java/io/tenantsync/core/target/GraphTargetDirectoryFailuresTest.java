package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.core.model.Attributes;
import io.tenantsync.core.reconcile.TargetState;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import io.tenantsync.emulator.graph.RequestJournal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throttling, outages, timeouts and refused credentials, injected through the emulator's {@code /_emulator/faults}:
 * what the SDK's retries absorb, and the kind of failure that surfaces when they cannot.
 */
class GraphTargetDirectoryFailuresTest {

    static EmulatedTenants tenants;
    static String userId;
    /** A user of its own for the timeout test: the emulator still answers (and journals) the slow request later. */
    static String slowUserId;

    @BeforeAll
    static void start() {
        tenants = new EmulatedTenants();
        tenants.allowSync();
        userId = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS)
                .createExternalUser("faults@contoso.com", "Member", Attributes.of("displayName", "Faults"))
                .objectId();
        slowUserId = GraphTargetDirectory.forConnection(tenants.fabrikam(), GraphClientOptions.DEFAULTS)
                .createExternalUser("slow@contoso.com", "Member", Attributes.of("displayName", "Slow")).objectId();
    }

    @AfterAll
    static void stop() {
        tenants.close();
    }

    @AfterEach
    void clearFaults() {
        tenants.clearFaults();
    }

    static GraphTargetDirectory fabrikam(GraphClientOptions options) {
        return GraphTargetDirectory.forConnection(tenants.fabrikam(), options);
    }

    static void fault(String method, String path, String action) {
        tenants.addFault("{\"match\":{\"tenant\":\"fabrikam\",\"method\":\"" + method + "\",\"pathPattern\":\"" + path
                + "\"},\"action\":" + action + "}");
    }

    @Test
    void twoThrottledResponsesAreRiddenOutWaitingWhatRetryAfterSays() {
        GraphTargetDirectory directory = fabrikam(GraphClientOptions.DEFAULTS);
        directory.get(userId); // token and connection in place before timing
        fault("GET", "/v1.0/users/" + userId, "{\"status\":429,\"retryAfterSeconds\":1,\"count\":2}");
        long mark = tenants.journalMark();
        long started = System.nanoTime();

        TargetState state = directory.get(userId);

        assertThat(state).isInstanceOf(TargetState.Present.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(tenants.journalSince(mark, "/v1.0/users/" + userId)).extracting(RequestJournal.Entry::status)
                .containsExactly(429, 429, 200);
    }

    @Test
    void throttlingThatOutlastsTheRetriesSurfacesAsThrottledWithTheServicesRetryAfter() {
        GraphTargetDirectory directory = fabrikam(new GraphClientOptions(Duration.ofSeconds(10), 1));
        fault("GET", "/v1.0/users/" + userId, "{\"status\":429,\"retryAfterSeconds\":1}");
        long mark = tenants.journalMark();

        assertThatThrownBy(() -> directory.get(userId)).isInstanceOfSatisfying(TargetDirectoryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.errorCode()).isEqualTo("TooManyRequests");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        });
        assertThat(tenants.journalSince(mark, "/v1.0/users/" + userId)).hasSize(2);
    }

    @Test
    void aServiceThatStaysUnavailableSurfacesAsUnavailableAfterTheBoundedRetries() {
        GraphTargetDirectory directory = fabrikam(new GraphClientOptions(Duration.ofSeconds(10), 2));
        // Retry-After 1, not 0: OkHttp itself repeats a 503 that says 0 once, under the SDK's retry handler
        fault("GET", "/v1.0/users/" + userId, "{\"status\":503,\"retryAfterSeconds\":1}");
        long mark = tenants.journalMark();

        assertThatThrownBy(() -> directory.get(userId)).isInstanceOfSatisfying(TargetDirectoryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.httpStatus()).isEqualTo(503);
        });
        assertThat(tenants.journalSince(mark, "/v1.0/users/" + userId)).extracting(RequestJournal.Entry::status)
                .containsExactly(503, 503, 503);
    }

    @Test
    void aResponseSlowerThanTheRequestTimeoutIsUnavailableWithoutAResponse() {
        GraphTargetDirectory directory = fabrikam(new GraphClientOptions(Duration.ofMillis(500), 0));
        directory.get(slowUserId);
        fault("GET", "/v1.0/users/" + slowUserId, "{\"latencyMs\":2000,\"count\":1}");

        assertThatThrownBy(() -> directory.get(slowUserId)).isInstanceOfSatisfying(TargetDirectoryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.errorCode()).isEqualTo(TargetDirectoryException.NO_RESPONSE);
            assertThat(e.httpStatus()).isZero();
        });
    }

    @Test
    void aWrongClientSecretIsACredentialsFailureThatNeverShowsTheSecret() {
        String wrongSecret = "wrong-secret-value-that-must-not-leak";
        GraphConnection wrong = tenants.connection(EmulatedTenants.FABRIKAM, "fabrikam-admin", wrongSecret);
        GraphTargetDirectory directory = GraphTargetDirectory.forConnection(wrong, GraphClientOptions.DEFAULTS);

        assertThatThrownBy(() -> directory.get(userId)).isInstanceOfSatisfying(TargetDirectoryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
            assertThat(e.errorCode()).isEqualTo("invalid_client");
            assertThat(e.getMessage()).contains("AADSTS7000215").doesNotContain(wrongSecret);
        });
        assertThat(wrong.toString()).doesNotContain(wrongSecret);
    }

    @Test
    void oneTokenRequestServesEveryCallWithinTheTokensLifetime() {
        long mark = tenants.journalMark();
        GraphTargetDirectory directory = fabrikam(GraphClientOptions.DEFAULTS);

        for (int i = 0; i < 5; i++) {
            directory.get(userId);
        }
        directory.findExternalUser("faults@contoso.com");
        directory.update(userId, java.util.List.of(
                new io.tenantsync.core.reconcile.AttributeChange("department", null, "Ops")));

        assertThat(tenants.journalSince(mark, "/oauth2/v2.0/token")).hasSize(1);
        assertThat(tenants.journalSince(mark, "/v1.0/users/" + userId)).hasSizeGreaterThanOrEqualTo(6);
    }
}
