package io.tenantsync.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantsync.core.target.TargetDirectoryException.Kind;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** SCIM errors become the {@link TargetDirectoryException} kinds the sync job escrows and quarantines on. */
class ScimTargetDirectoryFailuresTest {
    private static final String TOKEN = "s3cret-token-value";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final ScimTargetDirectoryFailures failures =
            new ScimTargetDirectoryFailures(TOKEN, Clock.fixed(NOW, ZoneOffset.UTC));

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static String error(int status, String scimType, String detail) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status + "\""
                + (scimType == null ? "" : ",\"scimType\":\"" + scimType + "\"") + ",\"detail\":\"" + detail + "\"}";
    }

    private TargetDirectoryException classify(int status, String body) {
        return failures.classify("POST /Users", status, headers(Map.of()), body);
    }

    @Test
    void unauthorisedAndForbiddenRefuseTheConnection() {
        TargetDirectoryException unauthorised = classify(401, error(401, null, "the bearer token is not valid"));
        assertThat(unauthorised.kind()).isEqualTo(Kind.CREDENTIALS);
        assertThat(unauthorised.errorCode()).isEqualTo("Unauthorized");
        assertThat(unauthorised.httpStatus()).isEqualTo(401);

        TargetDirectoryException forbidden = classify(403, error(403, null,
                "The target tenant has not enabled inbound synchronization with this tenant"));
        assertThat(forbidden.kind()).isEqualTo(Kind.CREDENTIALS);
        assertThat(forbidden.getMessage()).contains("POST /Users: HTTP 403")
                .contains("has not enabled inbound synchronization");
    }

    @Test
    void theScimTypeIsTheErrorCode() {
        TargetDirectoryException conflict = classify(409, error(409, "uniqueness", "userName is taken"));
        assertThat(conflict.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(conflict.errorCode()).isEqualTo("uniqueness");
        TargetDirectoryException invalid = classify(400, error(400, "invalidValue", "bad"));
        assertThat(invalid.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(invalid.errorCode()).isEqualTo("invalidValue");
        assertThat(classify(413, "").kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(classify(404, error(404, null, "no such user")).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(classify(412, "").kind()).isEqualTo(Kind.CONFLICT);
    }

    @Test
    void serverErrorsAreUnavailableWhateverTheBody() {
        TargetDirectoryException e = classify(502, "<html>bad gateway</html>");
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.errorCode()).isEqualTo("ServerError");
        assertThat(e.getMessage()).doesNotContain("html");
    }

    @Test
    void throttlingCarriesRetryAfterInSecondsOrAsADate() {
        TargetDirectoryException seconds = failures.classify("GET /Users", 429,
                headers(Map.of("Retry-After", List.of("7"))), error(429, null, "slow down"));
        assertThat(seconds.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));

        TargetDirectoryException date = failures.classify("GET /Users", 429,
                headers(Map.of("Retry-After", List.of("Mon, 23 Nov 2026 12:00:30 GMT"))), "");
        assertThat(date.retryAfter()).contains(Duration.ofSeconds(30));

        assertThat(failures.classify("GET /Users", 429, headers(Map.of("Retry-After", List.of("soon"))), "")
                .retryAfter()).isEmpty();
    }

    @Test
    void theTokenNeverAppearsInAMessageAndLongDetailsAreCut() {
        TargetDirectoryException e = classify(400, error(400, "invalidValue",
                "echoing Bearer " + TOKEN + " " + "x".repeat(3000)));
        assertThat(e.getMessage()).doesNotContain(TOKEN).hasSizeLessThan(1100);
    }

    @Test
    void noResponseIsUnavailable() {
        assertThat(failures.noResponse("GET /Users", new HttpConnectTimeoutException("t")).getMessage())
                .contains("timed out");
        TargetDirectoryException tls = failures.noResponse("GET /Users", new SSLHandshakeException("untrusted"));
        assertThat(tls.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(tls.errorCode()).isEqualTo(TargetDirectoryException.NO_RESPONSE);
        assertThat(tls.getMessage()).contains("TLS failed");
        assertThat(failures.noResponse("GET /Users", new IOException("reset")).httpStatus()).isZero();
    }
}
