package io.tenantsync.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns a SCIM endpoint's failure (RFC 7644 §3.12 error bodies) into a {@link TargetDirectoryException} whose kind
 * tells the sync job what Graph's would: 401 and 403 refuse the connection as a whole (the token, or — at the
 * tenantsync gateway — the target's missing consent), so they are {@link Kind#CREDENTIALS} and quarantine the job
 * without writing anything more; 429 is {@link Kind#THROTTLED} with its {@code Retry-After}; 5xx and no response are
 * {@link Kind#UNAVAILABLE}; 404 {@link Kind#NOT_FOUND}; 409 (and 412) {@link Kind#CONFLICT}; any other 4xx
 * {@link Kind#BAD_REQUEST}. The error code is the body's {@code scimType} when it has one. Messages carry the SCIM
 * {@code detail}, shortened, and never the bearer token.
 */
final class ScimTargetDirectoryFailures {

    /** A detail longer than this is cut: error bodies end up in provisioning logs. */
    private static final int MAX_DETAIL = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final Clock clock;

    ScimTargetDirectoryFailures(String token, Clock clock) {
        this.token = token;
        this.clock = clock;
    }

    TargetDirectoryException classify(String operation, int status, HttpHeaders headers, String body) {
        JsonNode error = parse(body);
        String scimType = text(error.path("scimType"));
        String detail = text(error.path("detail"));
        Duration retryAfter = retryAfter(headers).orElse(null);
        Kind kind;
        String code;
        if (status == 401) {
            kind = Kind.CREDENTIALS;
            code = "Unauthorized";
        } else if (status == 403) {
            kind = Kind.CREDENTIALS;
            code = "Forbidden";
        } else if (status == 404) {
            kind = Kind.NOT_FOUND;
            code = "NotFound";
        } else if (status == 409 || status == 412) {
            kind = Kind.CONFLICT;
            code = status == 409 ? "Conflict" : "PreconditionFailed";
        } else if (status == 429) {
            kind = Kind.THROTTLED;
            code = "TooManyRequests";
        } else if (status >= 500) {
            kind = Kind.UNAVAILABLE;
            code = "ServerError";
        } else {
            kind = Kind.BAD_REQUEST;
            code = "BadRequest";
        }
        if (scimType != null) {
            code = scimType;
        }
        String message = operation + ": HTTP " + status + (detail == null ? "" : " " + scrub(detail));
        return new TargetDirectoryException(kind, code, message, status, retryAfter, null);
    }

    /** No response: a refused or dropped connection, a timeout, a TLS failure. */
    TargetDirectoryException noResponse(String operation, IOException e) {
        String what = e instanceof HttpTimeoutException ? "timed out"
                : e instanceof SSLException ? "TLS failed (" + e.getClass().getSimpleName() + ")"
                : "no response (" + e.getClass().getSimpleName() + ")";
        return new TargetDirectoryException(Kind.UNAVAILABLE, TargetDirectoryException.NO_RESPONSE,
                operation + ": " + what, 0, null, e);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; empty when absent or unreadable. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    private String scrub(String detail) {
        String text = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
        return token.isEmpty() ? text : text.replace(token, "(token)");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode(); // not a SCIM error body: the status alone says what happened
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }
}
