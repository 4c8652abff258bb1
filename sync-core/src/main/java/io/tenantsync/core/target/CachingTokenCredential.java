package io.tenantsync.core.target;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps one access token per request shape (scopes, claims, tenant) until shortly before it expires. msal4j skips its
 * own token cache when the authority has a port (AzureAD/microsoft-authentication-library-for-java#529), as an
 * emulator's does, so without this every Graph call would cost a token request.
 *
 * <p>A token is refreshed {@link #REFRESH_MARGIN} before expiry, or at half its lifetime when that is shorter. Callers
 * asking for the same shape at once wait for one request instead of each sending their own.
 */
public final class CachingTokenCredential implements TokenCredential {

    /** How long before expiry a token is replaced. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private record Key(String scopes, String claims, String tenantId) {
        static Key of(TokenRequestContext context) {
            return new Key(String.join(" ", context.getScopes()), context.getClaims(), context.getTenantId());
        }
    }

    private record Cached(AccessToken token, Instant refreshAt) {
    }

    private final TokenCredential delegate;
    private final Clock clock;
    private final Map<Key, Cached> tokens = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();

    public CachingTokenCredential(TokenCredential delegate, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CachingTokenCredential(TokenCredential delegate) {
        this(delegate, Clock.systemUTC());
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext context) {
        Key key = Key.of(context);
        Cached cached = tokens.get(key);
        if (isFresh(cached)) {
            return cached.token();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            cached = tokens.get(key);
            if (isFresh(cached)) {
                return cached.token();
            }
            Instant requested = clock.instant();
            AccessToken token = delegate.getTokenSync(context);
            tokens.put(key, new Cached(token, refreshAt(requested, token.getExpiresAt().toInstant())));
            return token;
        }
    }

    /** The same cache; the token request itself runs off the caller's thread, as azure-identity's own does. */
    @Override
    public Mono<AccessToken> getToken(TokenRequestContext context) {
        Cached cached = tokens.get(Key.of(context));
        if (isFresh(cached)) {
            return Mono.just(cached.token());
        }
        return Mono.fromCallable(() -> getTokenSync(context)).subscribeOn(Schedulers.boundedElastic());
    }

    private boolean isFresh(Cached cached) {
        return cached != null && clock.instant().isBefore(cached.refreshAt());
    }

    private static Instant refreshAt(Instant requested, Instant expiresAt) {
        Duration lifetime = Duration.between(requested, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return requested; // already expired: use it for this call, ask again next time
        }
        Duration margin = lifetime.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        return expiresAt.minus(margin);
    }
}
