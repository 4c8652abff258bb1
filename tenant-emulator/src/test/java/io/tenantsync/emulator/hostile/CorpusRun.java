package io.tenantsync.emulator.hostile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sends a corpus and keeps what went wrong: a 5xx, a reply that is not the API's error body, a hostile write that
 * was accepted, or no reply at all.
 *
 * @param sent how many requests were sent
 * @param statuses how many replies had each status
 * @param violations one line per request that broke the rules, with what was sent and what came back
 */
public record CorpusRun(int sent, Map<Integer, Integer> statuses, List<String> violations) {

    /**
     * @param errorProblem what is wrong with an error reply for this API (empty when it is a proper error body)
     */
    public static CorpusRun send(RawHttp http, List<HostileRequest> corpus, Function<RawHttp.Reply, Optional<String>> errorProblem) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (HostileRequest request : corpus) {
            RawHttp.Reply reply;
            try {
                reply = http.send(request);
            } catch (IOException | RuntimeException e) {
                violations.add("no reply (" + e.getMessage() + ") to " + request.describe());
                http.close();
                continue;
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            String shown = reply.status() + " " + abbreviate(reply.bodyText());
            if (reply.status() >= 500) {
                violations.add("server error " + shown + " to " + request.describe());
            } else if (reply.status() >= 400) {
                errorProblem.apply(reply).ifPresent(problem -> violations.add(problem + ": " + shown + " to " + request.describe()));
            } else if (!request.isRead()) {
                violations.add("hostile write accepted: " + shown + " to " + request.describe());
            }
        }
        return new CorpusRun(corpus.size(), statuses, violations);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
