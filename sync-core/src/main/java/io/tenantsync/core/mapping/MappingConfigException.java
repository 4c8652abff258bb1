package io.tenantsync.core.mapping;

import java.util.List;

/**
 * Mappings that can't be used, with every problem found, each naming the mapping, the position and the reason,
 * e.g. {@code mapping 'displayName': unknown function 'Jion' at column 1}. The message is meant for people.
 */
public final class MappingConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public MappingConfigException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the attribute mappings:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
