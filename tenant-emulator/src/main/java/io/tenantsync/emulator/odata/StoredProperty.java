package io.tenantsync.emulator.odata;

import java.util.Objects;
import java.util.Set;

/** How the store keeps one filterable property. */
public sealed interface StoredProperty {

    /** A column of {@code DIRECTORY_OBJECT o}, e.g. {@code o.MAIL_LC}; STRING columns hold lower-cased values. */
    record Column(String sql, ValueType type) implements StoredProperty {
        public Column {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A string collection: rows of {@code OBJECT_VALUE} with {@code PROP = prop} and {@code SUB = ''}. */
    record StringCollection(String prop) implements StoredProperty {
        public StringCollection {
            Objects.requireNonNull(prop, "prop");
        }
    }

    /**
     * A collection of complex values: one {@code OBJECT_VALUE} row per sub-property of each element, the rows of one
     * element sharing {@code IDX} and {@code SUB} holding the sub-property's canonical name as given here.
     */
    record ComplexCollection(String prop, Set<String> subProperties) implements StoredProperty {
        public ComplexCollection {
            Objects.requireNonNull(prop, "prop");
            subProperties = Set.copyOf(subProperties);
        }

        /** The canonical spelling of a sub-property named in any case, or null when there is none. */
        public String canonicalSubProperty(String name) {
            for (String sub : subProperties) {
                if (sub.equalsIgnoreCase(name)) return sub;
            }
            return null;
        }
    }
}
