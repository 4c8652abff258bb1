package io.tenantsync.core.mapping;

import java.util.List;

/**
 * All mappings applied to one source object: the target it describes, the matching attributes' values in
 * precedence order (empty when the object has no value for any of them, so it can't be matched), and any
 * problems that should hold the object back (Entra escrows it).
 */
public record MappingResult(MappedTarget target, List<MatchingValue> matching, List<MappingProblem> problems) {

    public MappingResult {
        java.util.Objects.requireNonNull(target, "target");
        matching = List.copyOf(matching);
        problems = List.copyOf(problems);
    }
}
