package io.tenantsync.core.target;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiExceptionBuilder;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.ResponseHeaders;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Coalesces the Graph requests of concurrent callers into JSON batches ({@code POST /$batch}, at most
 * {@link #MAX_BATCH} requests each), so that many small reads and writes cost one round trip instead of one each.
 *
 * <p>Natural batching: at most {@code maxInFlight} HTTP requests are out at once; a request submitted while they are
 * all out waits in a queue, and when one comes back the queue leaves as the next batch. A lone caller therefore waits
 * for nobody (its request goes out alone, as a plain request), and under load batches fill up by themselves.
 *
 * <p>Each request keeps its own fate: a sub-request answered 429, 503 or 504 is sent again on its own after its own
 * {@code Retry-After} (or the SDK's default delay), at most {@code maxRetries} times, while the others of its batch
 * complete; any other error status fails only that request, as an {@link ODataError} carrying the status and headers
 * just as the SDK raises it for a plain request. A 429 also paces the whole connection ({@link ThrottlePacing}):
 * nothing more is sent until its {@code Retry-After} has passed. A batch that fails as a whole (the network, the envelope refused after
 * the SDK's own retries) fails each of its requests with that failure. Batches carry no {@code dependsOn}: callers
 * submit a request only once what it depends on has answered.
 */
final class GraphBatcher {

    /** Graph's limit of requests in one {@code $batch}. */
    static final int MAX_BATCH = 20;
    /** The wait before resending a throttled sub-request that named none (the SDK's retry handler default). */
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(3);
    private static final int MAX_RETRY_DELAY_SECONDS = 180;
    private static final JsonParseNodeFactory JSON = new JsonParseNodeFactory();

    /** What a request got: a body (null for none) or the failure to raise. */
    record Answer(byte[] body, RuntimeException failure) {
        /** The body read as {@code factory}'s type (null for none), or the failure thrown. */
        <T extends Parsable> T parse(ParsableFactory<T> factory) {
            if (failure != null) {
                throw failure;
            }
            return body == null || body.length == 0 ? null : GraphBatcher.parse(body, factory);
        }
    }

    private record Pending(RequestInformation request, CompletableFuture<Answer> answer, int attempt) {}

    private final GraphServiceClient graph;
    private final int maxInFlight;
    private final int maxRetries;
    private final Executor senders;
    private final BiFunction<Duration, Executor, Executor> delayed;
    private final ThrottlePacing pacing;
    private final Queue<Pending> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean wakeScheduled;

    /**
     * @param maxInFlight HTTP requests (plain or batches) out at once
     * @param maxRetries  resends of a sub-request answered 429/503/504
     * @param pacing      the connection's pace: told of each throttled sub-request, and holding the queue meanwhile
     */
    GraphBatcher(GraphServiceClient graph, int maxInFlight, int maxRetries, ThrottlePacing pacing) {
        this(graph, maxInFlight, maxRetries, pacing, daemonPool(),
                (delay, executor) -> CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor));
    }

    GraphBatcher(GraphServiceClient graph, int maxInFlight, int maxRetries, ThrottlePacing pacing, Executor senders,
                 BiFunction<Duration, Executor, Executor> delayed) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, not " + maxInFlight);
        }
        this.graph = Objects.requireNonNull(graph, "graph");
        this.maxInFlight = maxInFlight;
        this.maxRetries = maxRetries;
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.senders = Objects.requireNonNull(senders, "senders");
        this.delayed = Objects.requireNonNull(delayed, "delayed");
    }

    /** Sends {@code request} alone or in a batch with others; the answer never completes exceptionally. */
    CompletableFuture<Answer> submit(RequestInformation request) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        enqueue(new Pending(request, answer, 0));
        return answer;
    }

    /** Submits every request at once (so that they can share batches), in order. */
    List<CompletableFuture<Answer>> submitAll(List<RequestInformation> requests) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>(requests.size());
        synchronized (this) {
            for (RequestInformation request : requests) {
                CompletableFuture<Answer> answer = new CompletableFuture<>();
                queue.add(new Pending(request, answer, 0));
                answers.add(answer);
            }
            drain();
        }
        return answers;
    }

    private synchronized void enqueue(Pending pending) {
        queue.add(pending);
        drain();
    }

    /** Sends what waits while there is room and the target has not asked to wait; called with the lock held. */
    private void drain() {
        Duration pause = pacing.remaining();
        if (!pause.isNegative() && !pause.isZero()) {
            if (!wakeScheduled && !queue.isEmpty()) {
                wakeScheduled = true;
                delayed.apply(pause, senders).execute(this::wake);
            }
            return;
        }
        while (inFlight < maxInFlight && !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            inFlight++;
            try {
                senders.execute(() -> sendAndRelease(batch));
            } catch (RuntimeException e) {
                inFlight--;
                batch.forEach(p -> p.answer().complete(new Answer(null, e)));
            }
        }
    }

    private synchronized void wake() {
        wakeScheduled = false;
        drain();
    }

    private void sendAndRelease(List<Pending> batch) {
        try {
            for (Pending pending : batch) {
                rewind(pending.request()); // a resent request's body was read by its first attempt
            }
            if (batch.size() == 1) {
                sendAlone(batch.get(0));
            } else {
                sendBatch(batch);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.answer().complete(new Answer(null, e)));
        } finally {
            synchronized (this) {
                inFlight--;
                drain();
            }
        }
    }

    /** One request as itself: the SDK's retry handler deals with its 429s. */
    private void sendAlone(Pending pending) {
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        try {
            InputStream body = graph.getRequestAdapter().sendPrimitive(pending.request(), errors, InputStream.class);
            pending.answer().complete(new Answer(body == null ? null : readAll(body), null));
        } catch (RuntimeException e) {
            pending.answer().complete(new Answer(null, e));
        }
    }

    private void sendBatch(List<Pending> batch) {
        BatchRequestContent content = new BatchRequestContent(graph);
        List<String> ids = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            ids.add(content.addBatchRequestStep(pending.request()));
        }
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        BatchResponseContent responses;
        try {
            responses = graph.getBatchRequestBuilder().post(content, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < batch.size(); i++) {
            settle(batch.get(i), responses.getResponseById(ids.get(i)));
        }
    }

    private void settle(Pending pending, Response response) {
        if (response == null) {
            pending.answer().complete(new Answer(null, new IllegalStateException(
                    "the $batch response has no answer for one of its requests")));
            return;
        }
        try {
            int status = response.code();
            ResponseBody body = response.body(); // absent for a 204, and then the response must not be closed
            byte[] bytes = body == null ? null : body.bytes();
            if (status < 400) {
                pending.answer().complete(new Answer(bytes, null));
                return;
            }
            ResponseHeaders headers = new ResponseHeaders();
            response.headers().toMultimap().forEach((name, values) -> headers.put(name, new java.util.HashSet<>(values)));
            if (status == 429) {
                pacing.pauseFor(retryAfter(headers));
            }
            if ((status == 429 || status == 503 || status == 504) && pending.attempt() < maxRetries) {
                Duration wait = retryAfter(headers);
                Pending again = new Pending(pending.request(), pending.answer(), pending.attempt() + 1);
                delayed.apply(wait, senders).execute(() -> enqueue(again));
                return;
            }
            ODataError parsed = bytes == null || bytes.length == 0 ? new ODataError()
                    : parseError(bytes);
            pending.answer().complete(new Answer(null, new ApiExceptionBuilder(() -> parsed)
                    .withResponseStatusCode(status).withResponseHeaders(headers).build()));
        } catch (IOException e) {
            pending.answer().complete(new Answer(null, new UncheckedIOException(e)));
        }
    }

    private ODataError parseError(byte[] bytes) {
        try {
            ODataError error = parse(bytes, ODataError::createFromDiscriminatorValue);
            return error == null ? new ODataError() : error;
        } catch (RuntimeException unreadable) {
            return new ODataError(); // the status still classifies it
        }
    }

    /** The wait a {@code Retry-After} value asks for (null or unreadable: the SDK's default), capped. */
    static Duration retryAfter(String value) {
        return value == null ? DEFAULT_RETRY_DELAY : retryAfter(Map.of("Retry-After", List.of(value)));
    }

    private static Duration retryAfter(Map<String, ? extends java.util.Collection<String>> headers) {
        Duration asked = GraphFailureClassifier.retryAfter(headers);
        if (asked == null) {
            return DEFAULT_RETRY_DELAY;
        }
        return asked.compareTo(Duration.ofSeconds(MAX_RETRY_DELAY_SECONDS)) > 0
                ? Duration.ofSeconds(MAX_RETRY_DELAY_SECONDS) : asked;
    }

    private static void rewind(RequestInformation request) {
        InputStream content = request.content;
        if (content != null && content.markSupported()) {
            try {
                content.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static <T extends Parsable> T parse(byte[] body, ParsableFactory<T> factory) {
        return JSON.getParseNode("application/json", new ByteArrayInputStream(body)).getObjectValue(factory);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Threads that send; idle ones end after a minute, and none keeps the JVM alive. */
    private static ExecutorService daemonPool() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "graph-batch-sender");
            thread.setDaemon(true);
            return thread;
        });
    }
}
