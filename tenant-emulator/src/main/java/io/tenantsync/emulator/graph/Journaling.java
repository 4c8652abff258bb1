package io.tenantsync.emulator.graph;

/**
 * Records each authenticated request in the journal with the status the client saw (errors thrown further down are
 * recorded before the error envelope renders them). Requests refused before authentication are recorded by
 * {@link Authentication}.
 */
public final class Journaling implements GraphPipeline.Interceptor {
    private final RequestJournal journal;

    public Journaling(RequestJournal journal) {
        this.journal = journal;
    }

    @Override
    public GraphResponse intercept(GraphPipeline.Chain chain) {
        GraphRequest req = chain.request();
        Caller c = chain.caller();
        String path = (chain.inner() ? "$batch>/" : "/") + req.version() + "/" + req.path();
        try {
            GraphResponse res = chain.proceed(req, c);
            journal.record(req.method(), path, res.status(), c.tenantId(), c.appId());
            return res;
        } catch (GraphException e) {
            journal.record(req.method(), path, e.status(), c.tenantId(), c.appId());
            throw e;
        } catch (RuntimeException e) {
            journal.record(req.method(), path, 500, c.tenantId(), c.appId());
            throw e;
        }
    }
}
