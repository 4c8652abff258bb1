package io.tenantsync.core.mapping.expression;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Deterministic evaluation contexts for tests. */
final class Contexts {

    static final Instant NOW = Instant.parse("2021-07-02T15:33:38Z");
    static final UUID FIXED_ID = UUID.fromString("00aa00aa-bb11-cc22-dd33-44ee44ee44ee");

    private Contexts() {
    }

    static EvaluationContext fixed() {
        return new EvaluationContext(Clock.fixed(NOW, ZoneOffset.UTC), () -> FIXED_ID, new Random(42),
                UniquenessProbe.nothingTaken());
    }

    static EvaluationContext taking(Set<String> taken) {
        return fixed().withUniqueness((attribute, value) -> taken.contains(value));
    }
}
