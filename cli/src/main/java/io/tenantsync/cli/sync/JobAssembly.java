package io.tenantsync.cli.sync;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.job.SyncJob;
import io.tenantsync.core.job.SyncJobSettings;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.policy.CrossTenantTrust;
import io.tenantsync.core.policy.TrustCache;
import io.tenantsync.core.provision.UserProvisioner;
import io.tenantsync.core.reconcile.ReconcileOptions;
import io.tenantsync.core.scope.ScopeEvaluator;
import io.tenantsync.core.source.GraphSourceDirectory;
import io.tenantsync.core.store.ConnectionId;
import io.tenantsync.core.store.LinkState;
import io.tenantsync.core.store.ObjectLink;
import io.tenantsync.core.store.ObjectType;
import io.tenantsync.core.store.SyncStore;
import io.tenantsync.core.target.CrossTenantPolicyReader;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphConnection;
import io.tenantsync.core.target.GraphFailureClassifier;
import io.tenantsync.core.target.GraphTargetDirectory;
import io.tenantsync.core.target.ScimTargetDirectory;
import io.tenantsync.core.target.TargetDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a {@link SyncJob} from a {@link JobConfig}: the source read with delta queries, the target tenant written
 * through Graph under the cross-tenant trust both tenants' policies grant (or a SCIM endpoint, which enforces the
 * target's side itself), and the job's store. It talks to both
 * tenants (group names, the target's initial domain), so it fails with a {@link TargetDirectoryException} when one
 * refuses the credentials.
 */
public final class JobAssembly {

    /** How long a read of the cross-tenant policies is trusted before it is read again. */
    private static final Duration TRUST_TTL = Duration.ofSeconds(15);

    private JobAssembly() {
    }

    /** The job of {@code config} over {@code store}. */
    public static SyncJob build(JobConfig config, Path base, SyncStore store, Clock clock) {
        GraphConnection from = config.sourceConnection(base);
        ConnectionId connection = config.connectionId();
        List<String> groupIds = resolveGroupNames(from, config.scope().assignedGroupNames());
        ScopeEvaluator scope = config.scope().withGroupIds(groupIds).toEvaluator();
        CrossTenantPolicyReader sourcePolicies = CrossTenantPolicyReader.forConnection(from, GraphClientOptions.DEFAULTS);
        Function<String, Optional<String>> managerTargetId = managerId -> store.links()
                .bySource(connection, ObjectType.USER, managerId)
                .filter(link -> link.state() == LinkState.ACTIVE).map(ObjectLink::targetId);

        UserProvisioner provisioner;
        if (config.target().graph() != null) {
            GraphConnection to = config.target().graph().connection(base);
            GraphTargetDirectory target = GraphTargetDirectory.forConnection(to, GraphClientOptions.DEFAULTS);
            CrossTenantPolicyReader targetPolicies = CrossTenantPolicyReader.forConnection(to, GraphClientOptions.DEFAULTS);
            TrustCache trust = new TrustCache(() -> CrossTenantTrust.evaluate(
                    sourcePolicies.outboundSettingsFor(to.tenantId()), targetPolicies.inboundSettingsFor(from.tenantId())),
                    TRUST_TTL, clock);
            provisioner = new UserProvisioner(target, config.mappingSet(), ReconcileOptions.defaults(),
                    target.externalUpnFormat(), trust, managerTargetId, EvaluationContext.system(), clock);
        } else {
            JobConfig.ScimEndpoint endpoint = config.target().scim();
            ScimTargetDirectory target = ScimTargetDirectory.connect(endpoint.baseUrl(), endpoint.token(),
                    Optional.ofNullable(endpoint.caCertificate()).map(pem -> base.resolve(pem).toAbsolutePath()));
            // the endpoint enforces the target's inbound consent itself (a refusal quarantines the job); the source's
            // outbound consent is the job's to check
            TrustCache trust = new TrustCache(() -> CrossTenantTrust.evaluate(
                    sourcePolicies.outboundSettingsFor(endpoint.tenantId()), target.inboundSettingsFor(from.tenantId())),
                    TRUST_TTL, clock);
            // attributes a SCIM endpoint does not keep are left out, or every cycle would see them changed
            provisioner = new UserProvisioner(target, ScimTargetDirectory.mappingsFor(config.mappingSet()),
                    ReconcileOptions.defaults(), new ExternalUpnFormat(endpoint.domain()), trust, managerTargetId,
                    EvaluationContext.system(), clock);
        }
        SyncJobSettings settings = SyncJobSettings.of(connection, scope.assignment())
                .withScopingFilters(scope.filters())
                .withDeletionThreshold(config.threshold())
                .withParallelism(config.workers())
                .withSchedule(config.syncSchedule());
        return new SyncJob(settings, GraphSourceDirectory.forConnection(from, GraphClientOptions.DEFAULTS),
                provisioner, store, clock);
    }

    /**
     * The ids of the source's security groups with these display names.
     *
     * @throws IllegalArgumentException naming a group the source does not have, or has twice
     */
    static List<String> resolveGroupNames(GraphConnection source, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        GraphServiceClient graph = io.tenantsync.core.target.TenantGraphClientFactory.create(source,
                GraphClientOptions.DEFAULTS);
        GraphFailureClassifier failures = new GraphFailureClassifier(source.clientSecret());
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            List<Group> found;
            try {
                found = Optional.ofNullable(graph.groups().get(request -> {
                    request.queryParameters.filter = "displayName eq '" + name.replace("'", "''") + "'";
                    request.queryParameters.select = new String[] {"id", "displayName"};
                }).getValue()).orElse(List.of());
            } catch (RuntimeException e) {
                throw failures.classify("GET /groups", e);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("scope.assignedGroupNames: the source tenant has no group named '"
                        + name + "'");
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("scope.assignedGroupNames: the source tenant has " + found.size()
                        + " groups named '" + name + "'; give its id in assignedGroups instead");
            }
            ids.add(found.get(0).getId());
        }
        return ids;
    }
}
