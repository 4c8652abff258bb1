package io.tenantsync.conformance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.conformance.run.CheckResult;
import io.tenantsync.conformance.run.Outcome;
import io.tenantsync.conformance.run.SuiteResult;
import java.util.Locale;

/**
 * The machine report: {@code {endpoint, started, durationMillis, capabilities, summary: {passed, failed, skipped},
 * checks: [{name, group, proves, outcome, detail, durationMillis}]}} with outcome {@code passed|failed|skipped}.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(SuiteResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("endpoint", result.endpoint());
        root.put("started", result.started().toString());
        root.put("durationMillis", result.duration().toMillis());
        root.put("capabilities", result.capabilities());
        ObjectNode summary = root.putObject("summary");
        for (Outcome o : Outcome.values()) summary.put(o.name().toLowerCase(Locale.ROOT), result.count(o));
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : result.results()) {
            ObjectNode c = checks.addObject();
            c.put("name", r.name());
            c.put("group", r.group());
            c.put("proves", r.proves());
            c.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            c.put("detail", r.detail());
            c.put("durationMillis", r.duration().toMillis());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
