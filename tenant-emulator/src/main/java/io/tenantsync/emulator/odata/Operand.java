package io.tenantsync.emulator.odata;

import java.util.List;
import java.util.Objects;

/** The left-hand side of a filter clause: a property of the entity or of a lambda's range variable. */
public sealed interface Operand {

    /** A property path from the entity, e.g. {@code [onPremisesExtensionAttributes, extensionAttribute1]}. */
    record Property(List<String> path) implements Operand {
        public Property {
            path = List.copyOf(path);
            if (path.isEmpty()) throw new IllegalArgumentException("a property path has at least one segment");
        }
    }

    /** A lambda's range variable ({@code x}, empty path) or a property below it ({@code c/issuer}). */
    record RangeVariable(String name, List<String> path) implements Operand {
        public RangeVariable {
            Objects.requireNonNull(name, "name");
            path = List.copyOf(path);
        }
    }

    /**
     * {@code tolower(operand)}. Directory string comparisons are case-insensitive anyway, so consumers treat it as
     * the operand itself; it is kept so the tree says what the client wrote.
     */
    record ToLower(Operand operand) implements Operand {
        public ToLower {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** The operand without any {@code tolower} around it. */
    default Operand unwrapped() {
        Operand operand = this;
        while (operand instanceof ToLower lower) operand = lower.operand();
        return operand;
    }

    /** The operand as the client would write it, for messages. */
    default String describe() {
        Operand operand = unwrapped();
        if (operand instanceof Property property) return String.join("/", property.path());
        RangeVariable variable = (RangeVariable) operand;
        return variable.path().isEmpty() ? variable.name() : variable.name() + "/" + String.join("/", variable.path());
    }
}
