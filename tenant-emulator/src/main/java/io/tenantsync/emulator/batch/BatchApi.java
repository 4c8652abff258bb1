package io.tenantsync.emulator.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.Caller;
import io.tenantsync.emulator.graph.ErrorEnvelope;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphJson;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Routes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /$batch}: JSON batching. The whole batch is refused with 400 when its shape is wrong (not an object with
 * 1–20 requests, ids missing or duplicated case-insensitively, unknown or cyclic {@code dependsOn}, a body without a
 * {@code Content-Type} header). Otherwise each inner request runs through {@link Inner} — the pipeline after
 * authentication — as the batch's caller, and the answer is 200 with one response per request in request order.
 * As Graph does, requests that no {@code dependsOn} ties together run at the same time (a batch is then as slow as its
 * slowest request, not the sum of them); a batch with {@code dependsOn} runs one request after another, dependencies
 * first. A request whose dependency failed (status 400 or above) is not run and gets 424; a nested {@code $batch}
 * gets 400.
 */
public final class BatchApi implements GraphApi {
    public static final int MAX_REQUESTS = 20;
    private static final String JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    /** Runs one inner request on behalf of the batch's caller (the pipeline's {@code handleInner}). */
    @FunctionalInterface
    public interface Inner {
        GraphResponse handle(GraphRequest request, Caller caller);
    }

    /** Threads that run a batch's independent requests next to the thread that received it; idle ones exit. */
    private static final int RUNNERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final ObjectMapper json;
    private final ErrorEnvelope envelope;
    private final Inner inner;
    private final ExecutorService runners;

    public BatchApi(ObjectMapper json, ErrorEnvelope envelope, Inner inner) {
        this.json = json;
        this.envelope = envelope;
        this.inner = inner;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(RUNNERS, RUNNERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "emulator-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.runners = pool;
    }

    @Override
    public void register(Routes routes) {
        routes.post("$batch", this::batch);
    }

    private GraphResponse batch(GraphCall call) {
        GraphRequest outer = call.request();
        List<BatchItem> items = BatchItem.parseAll(GraphJson.object(json, outer), json);
        Map<String, GraphResponse> results = items.stream().allMatch(i -> i.dependsOn().isEmpty())
                ? runTogether(items, outer, call.caller())
                : runInOrder(items, outer, call.caller());
        ObjectNode body = json.createObjectNode();
        ArrayNode responses = body.putArray("responses");
        for (BatchItem item : items) responses.add(render(item.id(), results.get(item.key())));
        return GraphResponse.ok(body);
    }

    private Map<String, GraphResponse> runInOrder(List<BatchItem> items, GraphRequest outer, Caller caller) {
        Map<String, GraphResponse> results = new HashMap<>();
        for (BatchItem item : BatchItem.executionOrder(items)) {
            results.put(item.key(), run(item, items, results, outer, caller));
        }
        return results;
    }

    /** Every request but the first on the runners, the first on this thread; each answers on its own. */
    private Map<String, GraphResponse> runTogether(List<BatchItem> items, GraphRequest outer, Caller caller) {
        Map<String, GraphResponse> none = Map.of();
        List<CompletableFuture<GraphResponse>> rest = new ArrayList<>();
        for (BatchItem item : items.subList(1, items.size())) {
            rest.add(CompletableFuture.supplyAsync(() -> run(item, items, none, outer, caller), runners));
        }
        Map<String, GraphResponse> results = new HashMap<>();
        results.put(items.get(0).key(), run(items.get(0), items, none, outer, caller));
        for (int i = 1; i < items.size(); i++) {
            try {
                results.put(items.get(i).key(), rest.get(i - 1).join());
            } catch (CompletionException e) {
                // the inner pipeline turns failures into error responses; anything else is the emulator's own bug
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return results;
    }

    private GraphResponse run(BatchItem item, List<BatchItem> items, Map<String, GraphResponse> done, GraphRequest outer, Caller caller) {
        GraphRequest req = item.toRequest(outer, UUID.randomUUID().toString());
        for (String dep : item.dependsOn()) {
            GraphResponse d = done.get(BatchItem.key(dep));
            if (d.status() >= 400) {
                return envelope.error(req, new GraphException(424, "FailedDependency",
                        "The request was not run because request '" + dep + "' it depends on failed with status " + d.status() + "."))
                        .withHeader("request-id", req.requestId());
            }
        }
        if (!req.segments().isEmpty() && req.segments().get(0).equalsIgnoreCase("$batch")) {
            return envelope.error(req, GraphException.badRequest("A $batch request cannot contain another $batch request."))
                    .withHeader("request-id", req.requestId());
        }
        return inner.handle(req, caller);
    }

    private ObjectNode render(String id, GraphResponse res) {
        ObjectNode n = json.createObjectNode();
        n.put("id", id);
        n.put("status", res.status());
        ObjectNode headers = n.putObject("headers");
        res.headers().forEach(headers::put);
        if (res.json() != null) {
            headers.put("Content-Type", JSON_TYPE);
            headers.put("OData-Version", "4.0");
            n.set("body", res.json());
        } else if (res.text() != null) {
            headers.put("Content-Type", "text/plain;charset=utf-8");
            n.put("body", res.text());
        }
        return n;
    }

    /** A whole-batch refusal. */
    static GraphException invalid(String message) {
        return new GraphException(400, "BadRequest", message);
    }
}
