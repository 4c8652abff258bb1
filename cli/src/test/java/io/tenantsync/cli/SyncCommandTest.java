package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.cli.demo.DemoGateway;
import io.tenantsync.cli.demo.DemoTenants;
import io.tenantsync.gateway.connection.GatewayConfig;
import io.tenantsync.gateway.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenantsync sync …} and {@code tenantsync logs} against the emulator over real HTTPS: each subcommand's output
 * and exit status, and what a bad job file does.
 */
class SyncCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static TwoTenants tenants;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startEmulator() {
        tenants = new TwoTenants(shared);
    }

    @AfterAll
    static void stopEmulator() {
        tenants.close();
    }

    private static String groupScope(String groupName) {
        return "assignment: ASSIGNED\nassignedGroupNames: [\"" + groupName + "\"]\n";
    }

    @Test
    void runOnceSyncsTheAssignedGroupThenStatusAndLogsShowWhatItDid() throws Exception {
        List<String> users = tenants.seedSourceUsers("runonce", 1, 4);
        tenants.sourceGroup("Run once group", users.subList(0, 3));
        Path job = tenants.jobFile(tmp, "run-once", groupScope("Run once group"), "");

        CliRun.Result run = CliRun.run("sync", "run", "--once", "--config", job.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sync job run-once: " + tenants.source.tenantId() + " → " + tenants.target.tenantId())
                .contains(" initial: created 3, updated 0, disabled 0, deleted 0");

        CliRun.Result status = CliRun.run("sync", "status", "--config", job.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("state        healthy").contains("last cycle   ").contains("created 3")
                .contains("staged       0 held deletion(s)").contains("escrows      0 awaiting retry")
                .containsPattern("watermark    advanced \\d+ s ago").contains("linked users 3");
        JsonNode statusJson = JSON.readTree(CliRun.run("sync", "status", "--json", "--config", job.toString()).out());
        assertThat(statusJson.at("/state/lastCycle/created").asLong()).isEqualTo(3);
        assertThat(statusJson.at("/watermarkAgeSeconds").isNumber()).isTrue();

        CliRun.Result logs = CliRun.run("logs", "--config", job.toString(), "--action", "create", "--status", "success");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).startsWith("TIME").contains("3 entries");
        assertThat(logs.out().lines().filter(l -> l.contains(" create ") && l.contains(" success "))).hasSize(3);

        CliRun.Result one = CliRun.run("logs", "--config", job.toString(), "--user", users.get(0), "--json");
        JsonNode entries = JSON.readTree(one.out());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).at("/source/id").asText()).isEqualTo(users.get(0));
        assertThat(entries.get(0).at("/action").asText()).isEqualTo("CREATE");
        assertThat(entries.get(0).at("/steps")).hasSizeGreaterThanOrEqualTo(4);

        assertThat(CliRun.run("logs", "--config", job.toString(), "--since", "PT1H", "--limit", "2").out()).contains("2 entries");
        assertThat(CliRun.run("logs", "--config", job.toString(), "--action", "delete").out()).contains("0 entries");
        assertThat(CliRun.run("logs", "--config", job.toString(), "--since", "2999-01-01T00:00:00Z").out()).contains("0 entries");
    }

    @Test
    void runOnceThroughTheGatewayProvisionsTheGroupOverScimIntoTheTargetTenant() throws Exception {
        List<String> users = tenants.seedSourceUsers("viascim", 1, 3);
        tenants.sourceGroup("Via SCIM group", users);
        String secret = DemoGateway.newSecret();
        GatewayConfig connection = DemoGateway.config(tenants.server.baseUri(), tenants.pem, tenants.source,
                tenants.target, DemoTenants.admin(tenants.target), secret);
        try (GatewayServer gateway = GatewayCommand.start(connection, 0, Optional.empty())) {
            String scimTarget = "job: via-scim\n"
                    + "source:\n" + tenants.tenant(tenants.source, DemoTenants.admin(tenants.source).clientSecret())
                    + "target:\n  scim:\n"
                    + "    baseUrl: " + gateway.baseUri() + "\n"
                    + "    token: \"" + secret + "\"\n"
                    + "    tenantId: " + tenants.target.tenantId() + "\n"
                    + "    domain: " + tenants.target.initialDomain() + "\n"
                    + "scope:\n" + groupScope("Via SCIM group").indent(2)
                    + "dataDir: via-scim-data\n";
            Path job = Files.writeString(tmp.resolve("via-scim.yaml"), scimTarget);

            CliRun.Result run = CliRun.run("sync", "run", "--once", "--config", job.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("(SCIM " + gateway.baseUri() + ")")
                    .contains(" initial: created 3, updated 0, disabled 0, deleted 0");
            assertThat(run.out() + run.err()).doesNotContain(secret);
            List<String> invited = tenants.targetUsers(false).stream()
                    .filter(u -> u.path("userPrincipalName").asText().startsWith("viascim"))
                    .map(u -> u.path("userType").asText() + " " + u.path("userPrincipalName").asText().contains("#EXT#"))
                    .toList();
            assertThat(invited).containsExactly("Member true", "Member true", "Member true");

            CliRun.Result again = CliRun.run("sync", "run", "--once", "--config", job.toString());
            assertThat(again.out()).contains("created 0, updated 0");
        }
    }

    @Test
    void aScimTargetWithoutItsTenantOrTokenIsRefusedWithEveryProblem() throws Exception {
        Path job = Files.writeString(tmp.resolve("bad-scim.yaml"), "job: bad-scim\n"
                + "source:\n" + tenants.tenant(tenants.source, DemoTenants.admin(tenants.source).clientSecret())
                + "target:\n  scim:\n    baseUrl: ftp://example\n"
                + "scope:\n" + groupScope("Nobody").indent(2) + "dataDir: bad-scim-data\n");
        CliRun.Result run = CliRun.run("sync", "run", "--once", "--config", job.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("target.scim.baseUrl must be an absolute http or https URL")
                .contains("target.scim.token is missing").contains("target.scim.tenantId is missing")
                .contains("target.scim.domain is missing");
    }

    @Test
    void provisionOnDemandPrintsTheStepsAndTheResult() throws Exception {
        List<String> users = tenants.seedSourceUsers("ondemand", 1, 2);
        String group = tenants.sourceGroup("On demand group", List.of(users.get(0)));
        Path job = tenants.jobFile(tmp, "on-demand", "assignment: ASSIGNED\nassignedGroups: [\"" + group + "\"]\n", "");

        CliRun.Result created = CliRun.run("sync", "provision-on-demand", "--config", job.toString(), "--user", users.get(0));
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("user " + users.get(0))
                .containsPattern("(?m)^  import +success ")
                .containsPattern("(?m)^  scoping +success +in scope")
                .containsPattern("(?m)^  matching +success ")
                .containsPattern("(?m)^  export +success ")
                .containsPattern("result: create success, target user [0-9a-f-]{36}");

        CliRun.Result outOfScope = CliRun.run("sync", "provision-on-demand", "--config", job.toString(), "--user", users.get(1));
        assertThat(outOfScope.exitCode()).as(outOfScope.err()).isZero();
        assertThat(outOfScope.out()).containsPattern("(?m)^  scoping +skipped +out of scope").contains("result: skip");

        CliRun.Result unknown = CliRun.run("sync", "provision-on-demand", "--config", job.toString(), "--user",
                "00000000-0000-0000-0000-000000000000");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no user 00000000-0000-0000-0000-000000000000").doesNotContain("\tat ");
    }

    @Test
    void deletionsOverTheThresholdAreHeldUntilApprovedAndRestartClearsState() throws Exception {
        List<String> users = tenants.seedSourceUsers("threshold", 1, 3);
        String group = tenants.sourceGroup("Threshold group", users);
        Path job = tenants.jobFile(tmp, "threshold", groupScope("Threshold group"), "deletionThreshold: {limit: 1}\n");
        assertThat(CliRun.run("sync", "run", "--once", "--config", job.toString()).exitCode()).isZero();

        tenants.removeMember(group, users.get(0));
        tenants.removeMember(group, users.get(1));
        CliRun.Result held = CliRun.run("sync", "run", "--once", "--config", job.toString());
        assertThat(held.out()).contains("staged 2");
        CliRun.Result status = CliRun.run("sync", "status", "--config", job.toString());
        assertThat(status.out()).contains("quarantined since").contains("TooManyDeletes")
                .contains("staged       2 held deletion(s) awaiting `tenantsync sync approve-deletes`");
        assertThat(tenants.targetUsers(true)).as("nothing deleted while held").isEmpty();

        CliRun.Result approve = CliRun.run("sync", "approve-deletes", "--config", job.toString());
        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("approved 2 held deletion(s)");
        CliRun.Result released = CliRun.run("sync", "run", "--once", "--config", job.toString());
        assertThat(released.exitCode()).as(released.out()).isZero();
        assertThat(released.out()).contains("deleted 2");
        assertThat(tenants.targetUsers(true)).hasSize(2);
        assertThat(CliRun.run("sync", "status", "--config", job.toString()).out()).contains("state        healthy")
                .contains("staged       0");
        assertThat(CliRun.run("logs", "--config", job.toString(), "--action", "stagedDelete").out()).contains("2 entries");

        CliRun.Result restart = CliRun.run("sync", "restart", "--config", job.toString(), "--clear-state", "Watermark,Escrows");
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(restart.out()).contains("restarted threshold: cleared 2 watermark(s), 0 escrow(s), 0 link(s)");
        assertThat(CliRun.run("sync", "status", "--config", job.toString()).out())
                .contains("watermark    none: the next cycle reads everything").contains("the next one is initial");
        CliRun.Result badScope = CliRun.run("sync", "restart", "--config", job.toString(), "--clear-state", "Everything");
        assertThat(badScope.exitCode()).isEqualTo(2);
        assertThat(badScope.err()).contains("unknown restart scope Everything");
    }

    @Test
    void runServesCyclesOnItsScheduleAndStopsCleanlyWhenAskedWhileStatusReadsAlongside() throws Exception {
        List<String> users = tenants.seedSourceUsers("serving", 1, 2);
        String group = tenants.sourceGroup("Serving group", List.of(users.get(0)));
        Path job = tenants.jobFile(tmp, "serving", groupScope("Serving group"), "schedule: {interval: PT1S}\n");

        try (CliRun.Serving run = CliRun.start("running cycles until Ctrl-C.", "sync", "run", "--config", job.toString())) {
            run.awaitOutput(o -> o.contains("initial: created 1"));
            tenants.addMember(group, users.get(1));
            run.awaitOutput(o -> o.contains("incremental: created 1"));
            CliRun.Result status = CliRun.run("sync", "status", "--config", job.toString());
            assertThat(status.exitCode()).as("status reads the store the running job holds: " + status.err()).isZero();
            assertThat(status.out()).contains("linked users 2");
            assertThat(run.stop()).isZero();
            assertThat(run.out()).contains("a cycle every PT1S; running cycles until Ctrl-C.").endsWith("stopped.\n");
        }
    }

    @Test
    void aWrongSecretStopsTheJobWithAClearReasonAndLeavesTheTargetUntouched() throws Exception {
        tenants.seedSourceUsers("wrong", 1, 1);
        String wrong = "Wr0ng-" + DemoTenants.admin(tenants.source).clientSecret().substring(0, 10) + "-secret";
        Path job = tenants.jobFile(tmp, "wrong-secret", "assignment: ALL_USERS\n", "", wrong);
        int before = tenants.targetUsers(false).size();

        CliRun.Result run = CliRun.run("sync", "run", "--once", "--config", job.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("did not complete");
        assertThat(run.out() + run.err()).doesNotContain(wrong).doesNotContain("\tat ");
        assertThat(CliRun.run("sync", "status", "--config", job.toString()).out()).contains("quarantined since")
                .contains("EncounteredQuarantineException");
        assertThat(tenants.targetUsers(false)).hasSize(before);
    }

    @Test
    void aBadJobFileExitsTwoWithEveryProblemAndNoSecretOrStackTrace() throws Exception {
        String secret = "Sup3r-S3cret-value-42";
        Path missing = tmp.resolve("missing.yaml");
        Files.writeString(missing, "job: bad\nsource:\n  tenantId: t\n  clientSecret: \"" + secret + "\"\n"
                + "target:\n  graph: {}\nscope: {assignment: ASSIGNED, assignedGroups: [\"\"]}\n"
                + "schedule: {interval: PT0S}\ndeletionThreshold: {limit: 0}\n");
        CliRun.Result r = CliRun.run("sync", "run", "--config", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid job configuration").contains("source.authorityHost is missing")
                .contains("source.clientId is missing").contains("target.graph.clientSecret is missing")
                .contains("scope: assignedGroups contains an empty id").contains("schedule: a scheduled interval")
                .contains("deletionThreshold: a deletion threshold is at least 1").contains("dataDir is missing")
                .doesNotContain(secret).doesNotContain("\tat ");

        Path unknownKey = tmp.resolve("unknown.yaml");
        Files.writeString(unknownKey, "job: bad\nsource:\n  clientSecrett: \"" + secret + "\"\n");
        CliRun.Result u = CliRun.run("sync", "status", "--config", unknownKey.toString());
        assertThat(u.exitCode()).isEqualTo(2);
        assertThat(u.err()).contains("unknown key 'clientSecrett' at source").doesNotContain(secret).doesNotContain("\tat ");

        Path wrongType = tmp.resolve("type.yaml");
        Files.writeString(wrongType, "job: bad\nparallelism: \"" + secret + "\"\n");
        CliRun.Result t = CliRun.run("logs", "--config", wrongType.toString());
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).contains("wrong kind of value at parallelism").doesNotContain(secret);

        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "job: bad\nsource:\n  clientSecret: \"" + secret + "\n");
        CliRun.Result b = CliRun.run("sync", "approve-deletes", "--config", broken.toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("not valid YAML or JSON").doesNotContain(secret);

        Path scim = tmp.resolve("scim.yaml");
        Files.writeString(scim, "job: bad\ntarget:\n  scim: {baseUrl: x}\n  graph: {tenantId: y}\n");
        CliRun.Result s = CliRun.run("sync", "run", "--config", scim.toString());
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).contains("target: give either target.graph (the target tenant's Graph) or target.scim");

        CliRun.Result none = CliRun.run("sync", "status", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("cannot read");
    }

    @Test
    void statusOfAJobThatNeverRanSaysToRunItFirst() throws Exception {
        Path job = tenants.jobFile(tmp, "never-ran", "assignment: ALL_USERS\n", "");
        CliRun.Result r = CliRun.run("sync", "status", "--config", job.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("has no store in").contains("run `tenantsync sync run");
        assertThat(CliRun.run("sync", "approve-deletes", "--config", job.toString()).exitCode()).isZero();
    }

    @Test
    void anUnknownGroupNameStopsTheStartWithItsName() throws Exception {
        Path job = tenants.jobFile(tmp, "no-group", groupScope("No such group"), "");
        CliRun.Result r = CliRun.run("sync", "run", "--once", "--config", job.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the source tenant has no group named 'No such group'");
    }
}
