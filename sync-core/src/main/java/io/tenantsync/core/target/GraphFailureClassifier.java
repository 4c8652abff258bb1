package io.tenantsync.core.target;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Turns whatever the Graph SDK or azure-identity threw into a {@link TargetDirectoryException}: Graph errors by HTTP
 * status (and {@code Request_MultipleObjectsWithSameKeyValue} as a conflict whatever its status), token-endpoint
 * refusals as {@link Kind#CREDENTIALS}, network failures anywhere in the cause chain as {@link Kind#UNAVAILABLE}.
 * Messages never branch the decision (graph.md §3.2) and never carry the client secret.
 */
public final class GraphFailureClassifier {

    private static final String CONFLICT_CODE = "Request_MultipleObjectsWithSameKeyValue";

    private final String secret;

    /** @param secret the client secret, blanked out of every message in case a layer below ever echoes it */
    public GraphFailureClassifier(String secret) {
        this.secret = secret;
    }

    /** The failure of {@code operation} (e.g. {@code "PATCH /users/{id}"}), classified. */
    public TargetDirectoryException classify(String operation, RuntimeException failure) {
        if (failure instanceof TargetDirectoryException already) {
            return already;
        }
        MsalServiceException refusal = cause(failure, MsalServiceException.class);
        if (refusal != null) {
            return tokenRefusal(operation, refusal, failure);
        }
        if (failure instanceof ODataError error && error.getResponseStatusCode() > 0) {
            String code = error.getError() != null && error.getError().getCode() != null
                    ? error.getError().getCode() : "HTTP" + error.getResponseStatusCode();
            String message = error.getError() != null && error.getError().getMessage() != null
                    ? error.getError().getMessage() : "no message";
            return graphFailure(operation, error.getResponseStatusCode(), code, message, error);
        }
        if (failure instanceof ApiException api && api.getResponseStatusCode() > 0 && cause(failure, IOException.class) == null) {
            return graphFailure(operation, api.getResponseStatusCode(), "HTTP" + api.getResponseStatusCode(),
                    String.valueOf(api.getMessage()), api);
        }
        ClientAuthenticationException authentication = cause(failure, ClientAuthenticationException.class);
        IOException network = cause(failure, IOException.class);
        if (network != null) {
            return new TargetDirectoryException(Kind.UNAVAILABLE, TargetDirectoryException.NO_RESPONSE,
                    redact(operation + ": " + network.getClass().getSimpleName() + ": " + network.getMessage()), 0,
                    null, failure);
        }
        if (authentication != null) {
            return new TargetDirectoryException(Kind.CREDENTIALS, "ClientAuthentication",
                    redact(operation + ": " + authentication.getMessage()), 0, null, failure);
        }
        // not a response, not the network: a failure we cannot name is retried later rather than dropped
        return new TargetDirectoryException(Kind.UNAVAILABLE, failure.getClass().getSimpleName(),
                redact(operation + ": " + failure.getMessage()), 0, null, failure);
    }

    private TargetDirectoryException graphFailure(String operation, int status, String code, String message,
                                                  ApiException failure) {
        Kind kind;
        if (CONFLICT_CODE.equalsIgnoreCase(code) || status == 409) {
            kind = Kind.CONFLICT;
        } else if (status == 429) {
            kind = Kind.THROTTLED;
        } else if (status >= 500) {
            kind = Kind.UNAVAILABLE;
        } else if (status == 404) {
            kind = Kind.NOT_FOUND;
        } else if (status == 401) {
            // Graph refused the token itself: wrong audience or cloud, or an app the tenant no longer knows
            kind = Kind.CREDENTIALS;
        } else if (status == 403) {
            kind = Kind.FORBIDDEN;
        } else {
            kind = Kind.BAD_REQUEST;
        }
        Duration retryAfter = retryAfter(failure.getResponseHeaders());
        return new TargetDirectoryException(kind, code, redact(operation + ": " + message), status, retryAfter, failure);
    }

    private TargetDirectoryException tokenRefusal(String operation, MsalServiceException refusal,
                                                  RuntimeException failure) {
        Integer status = refusal.statusCode();
        String code = refusal.errorCode() == null ? "TokenRequestFailed" : refusal.errorCode();
        String message = redact(operation + ": token request refused: " + firstLine(refusal.getMessage()));
        if (status != null && status == 429) {
            return new TargetDirectoryException(Kind.THROTTLED, code, message, status,
                    retryAfter(refusal.headers()), failure);
        }
        if (status != null && status >= 500) {
            return new TargetDirectoryException(Kind.UNAVAILABLE, code, message, status, null, failure);
        }
        return new TargetDirectoryException(Kind.CREDENTIALS, code, message, status == null ? 0 : status, null,
                failure);
    }

    /** {@code Retry-After} as seconds (possibly fractional) or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Map<String, ? extends java.util.Collection<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (var header : headers.entrySet()) {
            if (!"Retry-After".equalsIgnoreCase(header.getKey()) || header.getValue() == null) {
                continue;
            }
            for (String value : header.getValue()) {
                Duration parsed = parseRetryAfter(value.strip());
                if (parsed != null) {
                    return parsed;
                }
            }
        }
        return null;
    }

    private static Duration parseRetryAfter(String value) {
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private String redact(String message) {
        if (message == null || secret == null || secret.isEmpty()) {
            return message;
        }
        return message.replace(secret, "***");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
