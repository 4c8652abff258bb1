package io.tenantsync.conformance.report;

import io.tenantsync.conformance.run.CheckResult;
import io.tenantsync.conformance.run.Outcome;
import io.tenantsync.conformance.run.SuiteResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The human report: a summary, one table per group, then every failure with what was sent, received and expected. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(SuiteResult result) {
        StringBuilder md = new StringBuilder("# SCIM conformance report\n\n");
        md.append("- endpoint: `").append(result.endpoint()).append("`\n");
        md.append("- started: ").append(result.started()).append(", took ").append(result.duration().toMillis()).append(" ms\n");
        md.append("- capabilities: ").append(result.capabilities().isEmpty() ? "none" : result.capabilities()).append('\n');
        md.append("- **").append(result.count(Outcome.PASSED)).append(" passed, ").append(result.count(Outcome.FAILED))
                .append(" failed, ").append(result.count(Outcome.SKIPPED)).append(" skipped** of ")
                .append(result.results().size()).append(" checks\n\n");
        Map<String, List<CheckResult>> groups = new LinkedHashMap<>();
        result.results().forEach(r -> groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>()).add(r));
        groups.forEach((group, checks) -> {
            md.append("## ").append(group).append("\n\n| result | check | what it proves |\n|---|---|---|\n");
            for (CheckResult r : checks) {
                md.append("| ").append(symbol(r.outcome())).append(" | `").append(r.name()).append("` | ")
                        .append(cell(r.proves()));
                if (r.outcome() == Outcome.SKIPPED) md.append(" — *skipped: ").append(cell(r.detail())).append('*');
                md.append(" |\n");
            }
            md.append('\n');
        });
        List<CheckResult> failures = result.results().stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
        if (!failures.isEmpty()) {
            md.append("## Failures\n\n");
            for (CheckResult r : failures) {
                md.append("### `").append(r.name()).append("`\n\n").append(r.proves()).append("\n\n```\n")
                        .append(r.detail().replace("```", "'''")).append("\n```\n\n");
            }
        }
        return md.toString();
    }

    private static String symbol(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "PASSED";
            case FAILED -> "**FAILED**";
            case SKIPPED -> "SKIPPED";
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
