package io.tenantsync.benchmarks.mapping;

import io.tenantsync.core.mapping.AttributeMapping;
import io.tenantsync.core.mapping.MappingResult;
import io.tenantsync.core.mapping.MappingSet;
import io.tenantsync.core.mapping.MappingSource;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.mapping.expression.Expression;
import io.tenantsync.core.model.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CTS default mapping set plus one five-function expression, applied to 100,000 generated users by one thread:
 * one benchmark operation is one user mapped, so JMH's ops/s is users/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class MappingThroughputBenchmark {

    static final int USERS = 100_000;

    /** Five functions: Join, Coalesce, ToUpper, Left, PCase. */
    static final String FIVE_FUNCTIONS =
            "Join(\" \", Coalesce([preferredName], [givenName]), ToUpper(Left([surname], 1)), PCase([department]))";

    private MappingSet mappings;
    private List<Attributes> users;
    private EvaluationContext context;

    @Setup
    public void setUp() {
        mappings = MappingSet.ctsDefaults()
                .with(AttributeMapping.of("companyName", new MappingSource.Constant("Contoso (Synced)")))
                .with(AttributeMapping.of("jobTitle", new MappingSource.Computed(Expression.parse(FIVE_FUNCTIONS))));
        users = generatedUsers(USERS, new Random(42));
        context = EvaluationContext.system();
    }

    @Benchmark
    @OperationsPerInvocation(USERS)
    public void mapAllUsers(Blackhole sink) {
        for (Attributes user : users) {
            MappingResult result = mappings.apply(user, context);
            sink.consume(result);
        }
    }

    static List<Attributes> generatedUsers(int count, Random random) {
        String[] departments = {"sales", "engineering", "finance", "human resources", "legal", "support"};
        String[] cities = {"Seattle", "Zürich", "Lyon", "Osaka", "São Paulo"};
        List<Attributes> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String given = "Given" + i;
            String surname = "surname" + Integer.toString(random.nextInt(1_000_000), 36);
            String upn = given.toLowerCase() + "." + surname + "@contoso.com";
            users.add(Attributes.of(
                    "netId", UUID.nameUUIDFromBytes(upn.getBytes()).toString(),
                    "accountEnabled", random.nextInt(20) != 0,
                    "userPrincipalName", upn,
                    "mail", upn,
                    "mailNickname", given.toLowerCase() + "." + surname,
                    "displayName", given + " " + surname,
                    "givenName", given,
                    "surname", surname,
                    "preferredName", random.nextInt(4) == 0 ? "Pref" + i : null,
                    "department", departments[random.nextInt(departments.length)],
                    "city", cities[random.nextInt(cities.length)],
                    "country", "CH",
                    "employeeId", Integer.toString(100_000 + i),
                    "telephoneNumber", "+41 44 " + (1_000_000 + i),
                    "preferredLanguage", "en-US"));
        }
        return users;
    }
}
