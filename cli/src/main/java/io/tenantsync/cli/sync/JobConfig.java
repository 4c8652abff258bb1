package io.tenantsync.cli.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tenantsync.core.job.DeletionThreshold;
import io.tenantsync.core.job.SyncJobSettings;
import io.tenantsync.core.job.SyncSchedule;
import io.tenantsync.core.mapping.MappingConfigReader;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.policy.MicrosoftCloud;
import io.tenantsync.core.scope.ScopeConfig;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.target.GraphConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One cross-tenant sync job as its configuration file (YAML or JSON) describes it; see README "The sync job". Read
 * once by {@link #read}, which reports every mistake at once and never repeats a value from the file in a message
 * (a value may be a secret).
 *
 * @param job               the job's name; its links, watermarks, log and state are kept under it in the store
 * @param source            the source tenant's Graph and an app that reads users and groups
 * @param target            where users are provisioned: {@code graph} (a target tenant's Graph) or {@code scim} (a
 *                          SCIM endpoint)
 * @param scope             who is in scope ({@link ScopeConfig} plus group display names); default: assigned, nobody
 * @param mappings          the attribute-mapping block (docs/mapping.md); default: the CTS default set
 * @param schedule          when cycles run; default every 40 minutes
 * @param deletionThreshold the accidental-deletions guard; default on, 500
 * @param parallelism       users provisioned at once; default {@value SyncJobSettings#DEFAULT_PARALLELISM}
 * @param dataDir           the job's file store (HSQLDB); relative to the configuration file's folder
 */
public record JobConfig(String job, Tenant source, Target target, Scope scope, JsonNode mappings, Schedule schedule,
                        Threshold deletionThreshold, Integer parallelism, Path dataDir) {

    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String CTS_DEFAULTS = "{\"extends\": \"cts-defaults\", \"mappings\": []}";

    /** A tenant's Graph and the app credentials used on it. {@code cloud}: global, usGov or china. */
    public record Tenant(URI authorityHost, URI graphBaseUrl, String cloud, String tenantId, String clientId,
                         String clientSecret, Path caCertificate) {

        /** Never shows the secret: records print every component, and configurations end up in logs. */
        @Override
        public String toString() {
            return "Tenant[authorityHost=" + authorityHost + ", graphBaseUrl=" + graphBaseUrl + ", tenantId=" + tenantId
                    + ", clientId=" + clientId + ", clientSecret=***]";
        }

        GraphConnection connection(Path base) {
            return new GraphConnection(authorityHost, graphBaseUrl, tenantId, clientId, clientSecret,
                    caCertificate == null ? null : base.resolve(caCertificate).toAbsolutePath(), microsoftCloud());
        }

        MicrosoftCloud microsoftCloud() {
            return switch (cloud == null ? "global" : cloud.toLowerCase(Locale.ROOT)) {
                case "global" -> MicrosoftCloud.GLOBAL;
                case "usgov" -> MicrosoftCloud.US_GOV;
                case "china" -> MicrosoftCloud.CHINA;
                default -> throw new IllegalArgumentException("cloud is global, usGov or china");
            };
        }

        void check(String where, Path base, List<String> problems) {
            if (authorityHost == null) problems.add(where + ".authorityHost is missing");
            if (graphBaseUrl == null) problems.add(where + ".graphBaseUrl is missing");
            if (blank(tenantId)) problems.add(where + ".tenantId is missing");
            if (blank(clientId)) problems.add(where + ".clientId is missing");
            if (blank(clientSecret)) problems.add(where + ".clientSecret is missing");
            try {
                microsoftCloud();
            } catch (IllegalArgumentException e) {
                problems.add(where + ".cloud: " + e.getMessage());
            }
            if (caCertificate != null && !Files.isReadable(base.resolve(caCertificate))) {
                problems.add(where + ".caCertificate: no readable file " + base.resolve(caCertificate));
            }
            if (authorityHost != null && graphBaseUrl != null && !blank(tenantId) && !blank(clientId)
                    && !blank(clientSecret)) {
                try {
                    connection(base);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The job's target. Exactly one kind is given: {@code graph}, a target tenant written through Graph, or {@code scim},
     * a SCIM 2.0 endpoint (the tenantsync gateway, or a third party's) that provisions into the target tenant itself.
     */
    public record Target(Tenant graph, ScimEndpoint scim) {
    }

    /**
     * A SCIM 2.0 endpoint as the job's target, and the target tenant behind it: its id (the source's outbound settings
     * for it decide whether the job may sync) and initial domain (the {@code #EXT#} UPNs the job compares).
     *
     * @param caCertificate a PEM the endpoint's HTTPS certificate chains to, when the JVM's trust store does not
     */
    public record ScimEndpoint(URI baseUrl, String token, Path caCertificate, String tenantId, String domain) {

        /** Never shows the token. */
        @Override
        public String toString() {
            return "ScimEndpoint[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", domain=" + domain + ", token=***]";
        }

        void check(String where, Path base, List<String> problems) {
            if (baseUrl == null) {
                problems.add(where + ".baseUrl is missing");
            } else if (!baseUrl.isAbsolute() || !List.of("http", "https").contains(baseUrl.getScheme())) {
                problems.add(where + ".baseUrl must be an absolute http or https URL");
            }
            if (blank(token)) problems.add(where + ".token is missing (the endpoint's bearer secret)");
            if (blank(tenantId)) problems.add(where + ".tenantId is missing (the target tenant's id)");
            if (blank(domain)) problems.add(where + ".domain is missing (the target tenant's initial domain)");
            if (caCertificate != null && !Files.isReadable(base.resolve(caCertificate))) {
                problems.add(where + ".caCertificate: no readable file " + base.resolve(caCertificate));
            }
        }
    }

    /** {@link ScopeConfig}, plus assigned groups named by display name (resolved in the source at start). */
    public record Scope(ScopeConfig.AssignmentMode assignment, List<String> assignedUsers, List<String> assignedGroups,
                       List<String> assignedGroupNames, List<ScopeConfig.ScopingFilterConfig> filters) {
        public Scope {
            assignedGroupNames = assignedGroupNames == null ? List.of() : List.copyOf(assignedGroupNames);
        }

        ScopeConfig withGroupIds(List<String> groupIds) {
            List<String> groups = new ArrayList<>(assignedGroups == null ? List.of() : assignedGroups);
            groups.addAll(groupIds);
            return new ScopeConfig(assignment, assignedUsers, groups, filters);
        }
    }

    /** {@code interval}: ISO-8601 (PT40M); {@code continuous}: cycles back to back with {@code interval} between. */
    public record Schedule(Duration interval, Boolean continuous) {
        SyncSchedule toSchedule() {
            boolean back2back = Boolean.TRUE.equals(continuous);
            Duration every = interval != null ? interval
                    : back2back ? Duration.ofSeconds(1) : SyncSchedule.ENTRA_INTERVAL;
            return new SyncSchedule(every, back2back);
        }
    }

    public record Threshold(Boolean enabled, Integer limit) {
        DeletionThreshold toThreshold() {
            int max = limit == null ? DeletionThreshold.DEFAULT_LIMIT : limit;
            return new DeletionThreshold(!Boolean.FALSE.equals(enabled), max);
        }
    }

    /** A configuration file that cannot be used; the message lists every problem, never a value from the file. */
    public static final class InvalidJobConfigException extends Exception {
        public InvalidJobConfigException(String message) {
            super(message);
        }
    }

    /**
     * Reads and checks a job file; relative paths in it are resolved against its folder.
     *
     * @throws InvalidJobConfigException listing every problem
     */
    public static JobConfig read(Path file) throws InvalidJobConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidJobConfigException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        JobConfig config;
        try {
            config = mapper.readValue(text, JobConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidJobConfigException(file + ": unknown key '" + e.getPropertyName() + "' at "
                    + path(e) + " (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException) {
                throw new InvalidJobConfigException(file + ": not valid YAML or JSON" + locationOf(e));
            }
            throw new InvalidJobConfigException(file + ": wrong kind of value at " + path(e) + locationOf(e));
        } catch (JsonProcessingException e) {
            // the parser's message quotes the text around the mistake, which may be a secret: say where only
            throw new InvalidJobConfigException(file + ": not valid YAML or JSON" + locationOf(e));
        }
        if (config == null) {
            throw new InvalidJobConfigException(file + ": the file is empty");
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> problems = config.problems(base);
        if (!problems.isEmpty()) {
            throw new InvalidJobConfigException("invalid job configuration " + file + ":\n  - "
                    + String.join("\n  - ", problems));
        }
        return config.withDataDir(base.resolve(config.dataDir).toAbsolutePath().normalize());
    }

    private JobConfig withDataDir(Path dir) {
        return new JobConfig(job, source, target, scope, mappings, schedule, deletionThreshold, parallelism, dir);
    }

    private List<String> problems(Path base) {
        List<String> problems = new ArrayList<>();
        if (job == null || !JOB_NAME.matcher(job).matches()) {
            problems.add("job: a name of 1 to 128 letters, digits, '.', '_' or '-' is required");
        }
        if (source == null) {
            problems.add("source is missing");
        } else {
            source.check("source", base, problems);
        }
        if (target == null || (target.graph() == null) == (target.scim() == null)) {
            problems.add("target: give either target.graph (the target tenant's Graph) or target.scim (a SCIM endpoint)");
        } else if (target.graph() != null) {
            target.graph().check("target.graph", base, problems);
        } else {
            target.scim().check("target.scim", base, problems);
        }
        if (scope == null) {
            problems.add("scope is missing: give scope.assignment ALL_USERS, or ASSIGNED with assignedUsers, "
                    + "assignedGroups or assignedGroupNames");
        } else {
            problems.addAll(scope.withGroupIds(List.of()).problems().stream().map(p -> "scope: " + p).toList());
            if (scope.assignment() == ScopeConfig.AssignmentMode.ALL_USERS && !scope.assignedGroupNames().isEmpty()) {
                problems.add("scope: assignedGroupNames is ignored when assignment is ALL_USERS");
            }
            if (scope.assignedGroupNames().stream().anyMatch(JobConfig::blank)) {
                problems.add("scope: assignedGroupNames contains an empty name");
            }
        }
        try {
            mappingSet();
        } catch (RuntimeException e) {
            problems.add("mappings: " + e.getMessage());
        }
        try {
            if (schedule != null) schedule.toSchedule();
        } catch (IllegalArgumentException e) {
            problems.add("schedule: " + e.getMessage());
        }
        try {
            if (deletionThreshold != null) deletionThreshold.toThreshold();
        } catch (IllegalArgumentException e) {
            problems.add("deletionThreshold: " + e.getMessage());
        }
        if (parallelism != null && (parallelism < 1 || parallelism > SyncJobSettings.MAX_PARALLELISM)) {
            problems.add("parallelism is 1 to " + SyncJobSettings.MAX_PARALLELISM);
        }
        if (dataDir == null) {
            problems.add("dataDir is missing: the folder of the job's store");
        }
        return problems;
    }

    public ConnectionId connectionId() {
        return ConnectionId.of(job);
    }

    /** The mappings the job applies. */
    public MappingSet mappingSet() {
        return MappingConfigReader.read(mappings == null || mappings.isNull() ? CTS_DEFAULTS : mappings.toString());
    }

    public GraphConnection sourceConnection(Path base) {
        return source.connection(base);
    }

    public SyncSchedule syncSchedule() {
        return schedule == null ? SyncSchedule.entraDefault() : schedule.toSchedule();
    }

    public DeletionThreshold threshold() {
        return deletionThreshold == null ? DeletionThreshold.defaults() : deletionThreshold.toThreshold();
    }

    public int workers() {
        return parallelism == null ? SyncJobSettings.DEFAULT_PARALLELISM : parallelism;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "the top level" : path;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
