package io.tenantsync.emulator.graph;

import io.tenantsync.emulator.identity.TokenService;

/** Validates the bearer token; every later stage and every handler sees only the caller's tenant. */
public final class Authentication implements GraphPipeline.Interceptor {
    private final TokenService tokens;
    private final RequestJournal journal;

    public Authentication(TokenService tokens, RequestJournal journal) {
        this.tokens = tokens;
        this.journal = journal;
    }

    @Override
    public GraphResponse intercept(GraphPipeline.Chain chain) {
        GraphRequest req = chain.request();
        Caller caller;
        try {
            caller = tokens.authenticate(req.header("Authorization").orElse(null));
        } catch (GraphException e) {
            journal.record(req.method(), "/" + req.version() + "/" + req.path(), e.status(), null, null);
            throw e;
        }
        return chain.proceed(req, caller);
    }
}
