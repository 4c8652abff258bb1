package io.tenantsync.emulator.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The path every Graph request takes, as a chain of interceptors each with one job (authenticate, inject faults,
 * throttle …) ending in the route table. Inner {@code $batch} requests enter the same chain after authentication,
 * so they are journaled, faulted and throttled one by one like outer requests.
 */
public final class GraphPipeline {
    /** One stage of the chain. */
    @FunctionalInterface
    public interface Interceptor {
        GraphResponse intercept(Chain chain);
    }

    /** What an interceptor sees: the request, the caller once known, and the rest of the chain. */
    public interface Chain {
        GraphRequest request();

        /** The authenticated caller; null before authentication. */
        Caller caller();

        /** Whether this is an inner request of a {@code $batch}. */
        boolean inner();

        GraphResponse proceed(GraphRequest request, Caller caller);
    }

    private final List<Interceptor> outer;
    private final List<Interceptor> inner;
    private final Routes routes;

    /**
     * @param beforeAuth stages outer requests pass before authentication (journal, error envelope)
     * @param auth       the authentication stage (outer requests only: inner ones inherit the batch's caller)
     * @param afterAuth  stages both outer and inner requests pass (faults, throttling)
     */
    public GraphPipeline(List<Interceptor> beforeAuth, Interceptor auth, List<Interceptor> afterAuth, Routes routes) {
        List<Interceptor> o = new ArrayList<>(beforeAuth);
        o.add(auth);
        o.addAll(afterAuth);
        this.outer = List.copyOf(o);
        List<Interceptor> i = new ArrayList<>(beforeAuth);
        i.addAll(afterAuth);
        this.inner = List.copyOf(i);
        this.routes = routes;
    }

    /** Handles an outer request. */
    public GraphResponse handle(GraphRequest request) {
        return new RealChain(outer, 0, request, null, false).proceed(request, null);
    }

    /** Handles an inner request of a batch on behalf of the batch's caller. */
    public GraphResponse handleInner(GraphRequest request, Caller caller) {
        return new RealChain(inner, 0, request, caller, true).proceed(request, caller);
    }

    private final class RealChain implements Chain {
        private final List<Interceptor> stages;
        private final int index;
        private final GraphRequest request;
        private final Caller caller;
        private final boolean inner;

        RealChain(List<Interceptor> stages, int index, GraphRequest request, Caller caller, boolean inner) {
            this.stages = stages;
            this.index = index;
            this.request = request;
            this.caller = caller;
            this.inner = inner;
        }

        @Override public GraphRequest request() { return request; }
        @Override public Caller caller() { return caller; }
        @Override public boolean inner() { return inner; }

        @Override
        public GraphResponse proceed(GraphRequest req, Caller who) {
            if (index < stages.size()) {
                return stages.get(index).intercept(new RealChain(stages, index + 1, req, who, inner));
            }
            if (who == null) throw new IllegalStateException("route reached without a caller");
            Routes.Match m = routes.match(req.method(), req.segments());
            return m.handler().handle(new GraphCall(req, who, m.vars()));
        }
    }
}
