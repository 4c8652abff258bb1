package io.tenantsync.emulator.sdk;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches tokens per scope set and claims until five minutes before expiry. msal4j skips its own cache when the
 * authority has a port (as the emulator's does), so without this every Graph call would fetch a token.
 */
public final class CachingTokenCredential implements TokenCredential {
    private final TokenCredential delegate;
    private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();

    public CachingTokenCredential(TokenCredential delegate) {
        this.delegate = delegate;
    }

    private static String key(TokenRequestContext ctx) {
        return String.join(" ", ctx.getScopes()) + "|" + ctx.getClaims() + "|" + ctx.getTenantId();
    }

    private static boolean fresh(AccessToken t) {
        return t != null && t.getExpiresAt().isAfter(OffsetDateTime.now().plusMinutes(5));
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext ctx) {
        AccessToken cached = cache.get(key(ctx));
        if (fresh(cached)) return Mono.just(cached);
        return delegate.getToken(ctx).doOnNext(t -> cache.put(key(ctx), t));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext ctx) {
        AccessToken cached = cache.get(key(ctx));
        if (fresh(cached)) return cached;
        AccessToken t = delegate.getTokenSync(ctx);
        cache.put(key(ctx), t);
        return t;
    }
}
