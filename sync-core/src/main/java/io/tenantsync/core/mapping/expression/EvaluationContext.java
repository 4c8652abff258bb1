package io.tenantsync.core.mapping.expression;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What evaluation takes from outside the source object: the clock (Now), the id source (Guid), the random source
 * (RandomString) and the uniqueness probe (SelectUniqueValue). Injected so that evaluation is deterministic in tests.
 */
public record EvaluationContext(Clock clock, Supplier<UUID> ids, RandomGenerator random, UniquenessProbe uniqueness) {

    public EvaluationContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(uniqueness, "uniqueness");
    }

    /** The system UTC clock, random UUIDs, a secure random source, and a probe that finds nothing taken. */
    public static EvaluationContext system() {
        return new EvaluationContext(Clock.systemUTC(), UUID::randomUUID, new SecureRandom(), UniquenessProbe.nothingTaken());
    }

    /** This context with another uniqueness probe, e.g. one bound to the target directory. */
    public EvaluationContext withUniqueness(UniquenessProbe probe) {
        return new EvaluationContext(clock, ids, random, probe);
    }
}
